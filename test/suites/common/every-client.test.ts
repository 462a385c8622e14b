import { describe, expect, it } from 'vitest';
import { Finding } from '../../../harness/checkers/finding.js';
import { everyClient } from '../../../suites/common/every-client.js';

const nothing = (conn: string): Finding =>
  new Finding({ kind: 'timeout', conn, message: `${conn} received nothing`, received: 0 });
const part = (conn: string): Finding =>
  new Finding({ kind: 'timeout', conn, message: `${conn} received only part`, received: 5 });

describe('everyClient', () => {
  it('fails with the finding that came first and a count of what happened to every client', async () => {
    const reads = [
      Promise.resolve(),
      Promise.reject(part('c2')),
      Promise.reject(nothing('c3')),
      Promise.reject(nothing('c4')),
    ];
    const error = await everyClient(reads).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Finding);
    expect((error as Finding).details).toMatchObject({ conn: 'c2', kind: 'timeout' });
    expect((error as Finding).message).toBe(
      'c2 received only part — of the 4 clients, 2 got nothing back, 1 got only part back',
    );
  });

  it("counts in the suite's words what each client was due", async () => {
    const lines = { nothing: 'got none of the lines', part: 'got only some of the lines' };
    const error = await everyClient([Promise.reject(nothing('c1')), Promise.reject(part('c2'))], lines).catch(
      (caught: unknown) => caught,
    );
    expect((error as Finding).message).toBe(
      'c1 received nothing — of the 2 clients, 1 got none of the lines, 1 got only some of the lines',
    );
  });

  it("passes when every client's read does, and gives one failure as it is", async () => {
    await expect(everyClient([Promise.resolve(), Promise.resolve()])).resolves.toBeUndefined();
    await expect(everyClient([Promise.resolve(), Promise.reject(nothing('c2'))])).rejects.toThrow(
      /^c2 received nothing$/,
    );
  });

  it('reports a failure of conform itself as it is, not as a finding', async () => {
    await expect(
      everyClient([Promise.reject(new Error('internal')), Promise.reject(nothing('c2'))]),
    ).rejects.toThrow(/^internal$/);
  });
});
