import type { ServerSession } from '../runner/server-session.js';

/** The suite's oracle as a test's runs reach it: servers of its own, and how a person names it. */
export interface OracleLink {
  readonly session: ServerSession;
  /** The oracle's command as a person would type it. */
  readonly display: string;
}
