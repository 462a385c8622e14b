import { describe, expect, it } from 'vitest';
import { referenceShortcut } from '../../../harness/cli/reference-shortcut.js';

describe('referenceShortcut', () => {
  it('reads the plain forms of `conform reference`', () => {
    expect(referenceShortcut(['reference', 'chat'])).toEqual({
      kind: 'reference',
      protocol: 'chat',
      port: undefined,
      host: '127.0.0.1',
    });
    expect(referenceShortcut(['reference', 'echo', '--port', '7007', '--host', '::1'])).toEqual({
      kind: 'reference',
      protocol: 'echo',
      port: '7007',
      host: '::1',
    });
    expect(referenceShortcut(['reference', '--port=0', 'broadcast'])).toMatchObject({
      protocol: 'broadcast',
      port: '0',
    });
  });

  it('leaves everything else to the full parser, which explains errors and prints help', () => {
    for (const argv of [
      ['server.py'],
      ['reference'],
      ['reference', '--help'],
      ['reference', 'echo', '--bogus'],
      ['reference', 'echo', 'extra'],
      ['--suite', 'chat', 'reference'],
    ]) {
      expect(referenceShortcut(argv), argv.join(' ')).toBeUndefined();
    }
  });
});
