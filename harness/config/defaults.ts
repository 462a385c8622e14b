/** What conform does when an option is not given. */
export const defaults = {
  suite: 'echo',
  replyTimeoutMs: 2000,
  startupTimeoutMs: 10_000,
  shrinkTimeMs: 5000,
  maxBufferedBytes: 16 * 1024 * 1024,
  buildTimeoutMs: 120_000,
  configFile: 'conform.config.json',
  submissionTimeoutMs: 600_000,
} as const;
