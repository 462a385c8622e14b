/** A report file that could not be written: the run's results stand, the file is missing. */
export class ReportFileError extends Error {
  constructor(what: string, file: string, cause: unknown) {
    super(
      `could not write the ${what} to ${file}: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'ReportFileError';
  }
}
