import { isFinding, type Finding } from '../../harness/api/conform.js';

/** How a suite says that a client got none, or only part, of what it was due. */
export interface OwedWords {
  readonly nothing: string;
  readonly part: string;
}

/** Echo's words: a client is due its own bytes back. */
const echoed: OwedWords = { nothing: 'got nothing back', part: 'got only part back' };

/** What one client's failed read came to, in a few words. */
function outcome(finding: Finding, words: OwedWords): string {
  const { kind, received } = finding.details;
  switch (kind) {
    case 'timeout':
      return received === undefined || received === 0 ? words.nothing : words.part;
    case 'eof':
      return 'saw the server close the connection';
    case 'reset':
      return 'had their connection reset';
    case 'mismatch':
      return 'got wrong bytes';
    default:
      return `failed (${kind})`;
  }
}

/**
 * Waits for every client's reads, then fails with the finding that came first (what the run showed
 * first, as a wait for all of them would have stopped at) and a count of what happened to all of them:
 * "of the 64 clients, 35 got nothing back, 29 got only part back". One mistake shows the same way on
 * many clients, and is read at a glance.
 */
export async function everyClient(reads: readonly Promise<void>[], words: OwedWords = echoed): Promise<void> {
  const failures: Finding[] = [];
  let internal: Error | undefined;
  await Promise.all(
    reads.map((read) =>
      read.catch((error: unknown) => {
        // A failure of conform itself is no finding about the server: it is reported as it is.
        if (isFinding(error)) failures.push(error);
        else internal ??= error instanceof Error ? error : new Error('a read failed', { cause: error });
      }),
    ),
  );
  if (internal !== undefined) throw internal;
  const first = failures[0];
  if (first === undefined) return;
  if (failures.length === 1) throw first;
  const counts = new Map<string, number>();
  for (const failure of failures) {
    const what = outcome(failure, words);
    counts.set(what, (counts.get(what) ?? 0) + 1);
  }
  const said = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([what, count]) => `${count} ${what}`)
    .join(', ');
  throw first.with({ message: `${first.message} — of the ${reads.length} clients, ${said}` });
}
