/** A stream conform writes its output to: process.stdout or process.stderr. */
export interface OutputStream {
  write(text: string, callback: (error?: Error | null) => void): unknown;
  readonly writableLength: number;
}

/**
 * Resolves once everything written to the streams has left the process, or at the deadline. A
 * stream to a socket is written asynchronously (as stdout is when conform is started by Node, as
 * `conform grade` starts it): exiting before this would lose the end of a report.
 */
export async function writtenOut(streams: readonly OutputStream[], deadlineMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, deadlineMs);
  });
  const flushed = streams
    .filter((stream) => stream.writableLength > 0)
    .map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve())));
  await Promise.race([Promise.all(flushed), deadline]);
  clearTimeout(timer);
}
