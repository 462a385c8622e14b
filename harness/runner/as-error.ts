/** `error` as an Error: what a promise rejected with or code threw need not be one. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
