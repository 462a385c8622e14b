import { describe, expect, it } from 'vitest';
import { RunKnowledge } from '../../../harness/runner/run-knowledge.js';

describe('RunKnowledge', () => {
  it('finds a fact out once, however many tests ask for it at the same time', async () => {
    const knowledge = new RunKnowledge();
    let finds = 0;
    const find = async (): Promise<boolean> => {
      finds += 1;
      await Promise.resolve();
      return false;
    };
    const answers = await Promise.all([1, 2, 3].map(() => knowledge.learn('fact', find)));
    expect(answers).toEqual([false, false, false]);
    expect(await knowledge.learn('fact', find)).toBe(false);
    expect(finds).toBe(1);
  });

  it('lets the next to ask try again when finding out failed', async () => {
    const knowledge = new RunKnowledge();
    const failing = knowledge.learn('fact', () => Promise.reject(new Error('server gone')));
    const waiting = knowledge.learn('fact', () => Promise.resolve(true));
    await expect(failing).rejects.toThrow('server gone');
    expect(await waiting).toBe(true);
    expect(await knowledge.learn('fact', () => Promise.resolve(false))).toBe(true);
  });

  it('keeps each note once, after the notes it started with, and tells of each new one once', () => {
    const heard: string[] = [];
    const knowledge = new RunKnowledge((note) => heard.push(note), ['platform']);
    knowledge.note('no WHO');
    knowledge.note('no WHO');
    expect(knowledge.notes).toEqual(['platform', 'no WHO']);
    expect(heard).toEqual(['no WHO']);
  });
});
