import { describe, expect, it, vi } from 'vitest';
import { OutputTail } from '../../../harness/supervisor/output-tail.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('OutputTail', () => {
  it('keeps everything while under its limit', () => {
    const tail = new OutputTail(10);
    tail.push(bytes('abc'));
    tail.push(bytes('defghij'));
    expect(tail.text()).toBe('abcdefghij');
    expect(tail.total).toBe(10);
    expect(tail.truncated).toBe(false);
  });

  it('keeps the last N bytes across chunks, and counts every byte seen', () => {
    const tail = new OutputTail(10);
    for (const chunk of ['abc', 'defg', 'hijk', 'lm']) tail.push(bytes(chunk));
    expect(tail.text()).toBe('defghijklm');
    expect(tail.total).toBe(13);
    expect(tail.truncated).toBe(true);
  });

  it('keeps the end of a single chunk larger than the limit', () => {
    const tail = new OutputTail(4);
    tail.push(bytes('0123456789'));
    expect(tail.text()).toBe('6789');
    expect(tail.total).toBe(10);
    expect(tail.truncated).toBe(true);
  });

  it('keeps the last N bytes of a long stream of small chunks', () => {
    const tail = new OutputTail(100);
    let all = '';
    for (let index = 0; index < 1000; index += 1) {
      const line = `line ${index}\n`;
      all += line;
      tail.push(bytes(line));
    }
    expect(tail.text()).toBe(all.slice(-100));
    expect(tail.total).toBe(all.length);
  });

  it('is empty and not truncated before any output', () => {
    const tail = new OutputTail();
    expect(tail.text()).toBe('');
    expect(tail.total).toBe(0);
    expect(tail.truncated).toBe(false);
  });

  it('shows a multi-byte character cut at the front of the tail as U+FFFD', () => {
    const tail = new OutputTail(3);
    tail.push(bytes('é!!'));
    expect(tail.total).toBe(4);
    expect(tail.text()).toBe('\uFFFD!!');
  });

  it('calls an onceOutput listener at the next output, and only once', () => {
    const tail = new OutputTail();
    const listener = vi.fn();
    tail.onceOutput(listener);
    expect(listener).not.toHaveBeenCalled();
    tail.push(bytes('a'));
    expect(listener).toHaveBeenCalledTimes(1);
    tail.push(bytes('b'));
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('calls every listener waiting, and none that was removed', () => {
    const tail = new OutputTail();
    const first = vi.fn();
    const second = vi.fn();
    const removed = vi.fn();
    tail.onceOutput(first);
    tail.onceOutput(second);
    const off = tail.onceOutput(removed);
    off();
    tail.push(bytes('x'));
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('keeps a listener added during a call for the output after', () => {
    const tail = new OutputTail();
    const later = vi.fn();
    tail.onceOutput(() => tail.onceOutput(later));
    tail.push(bytes('1'));
    expect(later).not.toHaveBeenCalled();
    tail.push(bytes('2'));
    expect(later).toHaveBeenCalledTimes(1);
  });
});
