import type { ServerLanguage } from '../hints/server-language.js';
import type { ReplayToken } from './replay-token.js';

/** What a test needs to know of the resolved configuration. */
export interface TestSettings {
  readonly seed: number;
  /** Runs per property test, when given on the command line. */
  readonly runs: number | undefined;
  /** Longest wait for a reply, without a new byte arriving. */
  readonly replyTimeoutMs: number;
  /** Bytes a connection keeps unread before the server counts as flooding it. */
  readonly maxBufferedBytes: number;
  /** How long shrinking may go on after a property first fails; the smallest case found by then is shown. */
  readonly shrinkTimeMs: number;
  /** A property run to replay instead of searching. */
  readonly replay: ReplayToken | undefined;
  /** What the server is written in: hints speak its terms (neutral words when not given). */
  readonly serverLanguage?: ServerLanguage;
}
