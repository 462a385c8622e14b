/**
 * The oracle (the suite's solution server) failed to start, or did not behave as its suite says:
 * the expected behaviour is unknown, so the server under test is neither passed nor failed.
 */
export class OracleError extends Error {
  override readonly name = 'OracleError';
}
