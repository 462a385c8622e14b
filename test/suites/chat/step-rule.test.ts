import { describe, expect, it } from 'vitest';
import { Finding } from '../../../harness/checkers/finding.js';
import { connected, emptyChat, received, type ChatState } from '../../../reference/chat/model.js';
import { ruleOfLine, stepRule } from '../../../suites/chat/step-rule.js';

/** alice registered, guest not. */
const state: ChatState = ((): ChatState => {
  const both = connected(connected(emptyChat, 'alice'), 'guest');
  return received(both, 'alice', 'NICK alice').state;
})();

const got = (line: string, conn = 'alice'): Finding =>
  new Finding({
    kind: 'mismatch',
    conn,
    message: 'wrong line',
    compared: { expected: Buffer.from('x'), actual: Buffer.from(line) },
  });

describe('ruleOfLine', () => {
  it('gives each step the test whose requirement says what the server must do with it', () => {
    expect(ruleOfLine(state, 'guest', 'NICK bob')).toBe('chat.register');
    expect(ruleOfLine(state, 'alice', 'NICK alicia')).toBe('chat.nick');
    expect(ruleOfLine(state, 'guest', 'NICK alice')).toBe('chat.nick');
    expect(ruleOfLine(state, 'guest', 'MSG hi')).toBe('chat.not-registered');
    expect(ruleOfLine(state, 'alice', 'MSG hi')).toBe('chat.msg');
    expect(ruleOfLine(state, 'alice', 'MSG')).toBe('chat.errors');
    expect(ruleOfLine(state, 'alice', 'TELL nobody hi')).toBe('chat.tell');
    expect(ruleOfLine(state, 'alice', 'WHO')).toBe('chat.who');
    expect(ruleOfLine(state, 'alice', 'QUIT')).toBe('chat.quit');
    expect(ruleOfLine(state, 'alice', 'constructor')).toBe('chat.errors');
    expect(ruleOfLine(state, 'alice', '')).toBe('chat.framing');
  });
});

describe('stepRule', () => {
  it("takes a command of the protocol answered ERR unknown-command for that command's rule: the server lacks it", () => {
    expect(stepRule(state, 'guest', 'WHO', undefined)(got('ERR unknown-command'))).toBe('chat.who');
    expect(stepRule(state, 'guest', 'WHO', undefined)(got('ERR syntax'))).toBe('chat.not-registered');
    expect(stepRule(state, 'alice', 'QUIT', undefined)(got('ERR unknown-command'))).toBe('chat.quit');
    expect(stepRule(state, 'guest', 'NICK bob', undefined)(got('ERR unknown-command'))).toBe('chat.register');
    expect(stepRule(state, 'alice', 'HELLO', undefined)(got('ERR syntax'))).toBe('chat.errors');
  });

  it("takes a line that came in pieces for framing's where a piece read as a line shows, and for its own where not", () => {
    const rename = stepRule(state, 'alice', 'NICK alicia', ['NICK al', 'icia', 'icia']);
    expect(rename(got('WELCOME alicia'))).toBe('chat.nick');
    expect(rename(got('RENAMED alice al'))).toBe('chat.framing');
    // ERR unknown-command: a piece read as a command, where the server keeps NICK; a server without
    // it, where it is known not to; either, where nothing shows which.
    const refused = (keepsNick: boolean): string | undefined =>
      stepRule(
        state,
        'alice',
        'NICK alicia',
        ['NI', 'CK alicia', 'CK alicia'],
        () => keepsNick,
      )(got('ERR unknown-command'));
    expect(refused(true)).toBe('chat.framing');
    expect(refused(false)).toBe('chat.nick');
    expect(rename(got('ERR unknown-command'))).toBeUndefined();
    // No reply at all: a server waiting for the rest, or one that never answers the command.
    expect(rename(new Finding({ kind: 'timeout', conn: 'alice', message: 'nothing' }))).toBeUndefined();
    // ERR syntax is what the whole line calls for, not a piece: a check made in the wrong order.
    const tell = stepRule(state, 'guest', 'TELL alice ', ['TELL al', 'ice ', 'ice ']);
    expect(tell(got('ERR syntax'))).toBe('chat.not-registered');
    const msg = stepRule(state, 'alice', 'MSG hello there', ['MSG hello', ' there', ' there']);
    expect(msg(got('MSG alice hello there', 'guest'))).toBe('chat.msg');
    // A line seen where none belonged, as the barrier shows it.
    const seen = new Finding({ kind: 'mismatch', conn: 'guest', message: 'extra', actual: '"JOINED bob"' });
    expect(stepRule(state, 'guest', 'NICK bob', ['NI', 'CK bob', 'CK bob'])(seen)).toBe('chat.register');
  });
});
