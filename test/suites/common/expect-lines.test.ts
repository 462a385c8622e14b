import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../suites/common/ledger.js';
import { unexpectedLine } from '../../../suites/common/expect-lines.js';

describe('unexpectedLine', () => {
  const ledger = new Ledger(1);
  const own = ledger.exact('alice', ' hello there');
  const other = ledger.exact('bob', ' good morning');

  it("tells a receiver's own bytes run into another's line: one line buffer for all clients", () => {
    const line = Buffer.concat([own.subarray(0, 9), other]);
    const finding = unexpectedLine('alice', line, ledger);
    expect(finding.details.cause).toBe('shared-line-buffer');
    expect(finding.message).toMatch(
      /^alice received a line that no client sent: "alice#1 hbob#1 good morning" — alice's own alice#1 and bob#1 ran into one line: the server keeps one line buffer for all clients$/,
    );
  });

  it("tells the receiver's own line from an earlier case, which the ledger does not know, run into another's", () => {
    const line = Buffer.concat([Buffer.from('alice#7 ol'), other]);
    expect(unexpectedLine('alice', line, ledger).details.cause).toBe('shared-line-buffer');
  });

  it("takes pieces of others' lines, none the receiver's own, for mixed lines", () => {
    const carol = ledger.exact('carol', ' evening');
    const line = Buffer.concat([carol.subarray(0, 9), other]);
    const finding = unexpectedLine('alice', line, ledger);
    expect(finding.details.cause).toBe('mixed-lines');
  });
});
