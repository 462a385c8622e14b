import { describe, expect, it } from 'vitest';
import { parseProcessTable, pidsWithEnvironmentEntry } from '../../../../harness/platform/lsof/parse-ps.js';
import { liveGroupMembers, treeOf } from '../../../../harness/platform/process-table.js';

// `ps -A -o pid=,ppid=,pgid=,stat=` on macOS: right-aligned columns, states with flags (Ss, R+, Z).
const macOS = [
  '    1     0     1 Ss',
  '  501     1   501 S',
  '  600   501   600 Ss',
  '  601   600   600 S+',
  '  602   601   602 Ss',
  '  603   600   600 Z',
  '  700     1   700 S',
  '',
].join('\n');

describe('parseProcessTable', () => {
  it('reads pid, parent, group and state of every line, with the state flags kept', () => {
    const entries = parseProcessTable(macOS);
    expect(entries).toHaveLength(7);
    expect(entries[3]).toEqual({ pid: 601, ppid: 600, pgid: 600, state: 'S+' });
  });

  it('passes over lines that are not four columns of numbers and a state', () => {
    expect(parseProcessTable('  PID  PPID  PGID STAT\nbad line here\n 12 1 12 R\n')).toEqual([
      { pid: 12, ppid: 1, pgid: 12, state: 'R' },
    ]);
  });

  it('gives the tree of a server: its group and descendants that left it, zombies for the caller to judge', () => {
    const entries = parseProcessTable(macOS);
    expect(treeOf(entries, 600).sort()).toEqual([600, 601, 602, 603]);
    expect(liveGroupMembers(entries, 600).sort()).toEqual([600, 601]);
  });
});

describe('pidsWithEnvironmentEntry', () => {
  const tag = 'CONFORM_SERVER_TAG=1b4e28ba-2fa1-11d2-883f-0016d3cca427';
  const output = [
    `  812 /usr/bin/python3 server.py 4000 PATH=/usr/bin:/bin ${tag} PORT=4000`,
    '  813 /usr/bin/python3 other.py PATH=/usr/bin CONFORM_SERVER_TAG=another',
    `  814 sh -c echo ${tag}x`,
    `  815 daemon ${tag}`,
    '',
  ].join('\n');

  it('finds the processes whose environment holds the entry as a word of its own', () => {
    expect(pidsWithEnvironmentEntry(output, tag)).toEqual([812, 815]);
  });
});
