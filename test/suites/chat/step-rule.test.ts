import { describe, expect, it } from 'vitest';
import { Finding } from '../../../harness/checkers/finding.js';
import { connected, emptyChat, received, type ChatState } from '../../../reference/chat/model.js';
import { ruleOfFramedLine, ruleOfLine } from '../../../suites/chat/step-rule.js';

/** alice registered, guest not. */
const state: ChatState = ((): ChatState => {
  const both = connected(connected(emptyChat, 'alice'), 'guest');
  return received(both, 'alice', 'NICK alice').state;
})();

const got = (line: string): Finding =>
  new Finding({
    kind: 'mismatch',
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

describe('ruleOfFramedLine', () => {
  it("keeps the command's rule where the reply shows the line was read whole, and framing's where not", () => {
    const rename = ruleOfFramedLine('NICK alicia', 'chat.nick');
    expect(rename(got('WELCOME alicia'))).toBe('chat.nick');
    expect(rename(got('WELCOME ali'))).toBe('chat.framing');
    expect(rename(got('ERR unknown-command'))).toBe('chat.framing');
    expect(rename(new Finding({ kind: 'timeout', message: 'nothing' }))).toBe('chat.framing');
    const msg = ruleOfFramedLine('MSG hello there\r', 'chat.msg');
    expect(msg(got('MSG alice hello there'))).toBe('chat.msg');
    expect(msg(got('MSG alice hello'))).toBe('chat.framing');
    // A line seen where none belonged, as the barrier shows it.
    const seen = new Finding({ kind: 'mismatch', message: 'extra', actual: '"JOINED alicia"' });
    expect(ruleOfFramedLine('NICK alicia', 'chat.register')(seen)).toBe('chat.register');
  });
});
