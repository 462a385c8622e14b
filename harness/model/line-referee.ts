import type { LineEvent } from './line-model.js';

/** What a client must receive when it is brought up to date, and whether the server then closes it. */
export interface Owed {
  /** Lines owed from earlier steps, without their line ending. */
  readonly lines: readonly string[];
  /** The answer to the barrier, where one was sent and the connection stays open: read after it is sent. */
  readonly reply: readonly string[];
  /** The server closes the client's connection after these lines. */
  readonly closes: boolean;
}

/**
 * Where a line run's expected behaviour comes from: a model (ModelReferee) or an oracle server
 * (OracleReferee). It is told every event as the server under test is, and says what each client
 * is owed when the run brings it up to date.
 */
export interface LineReferee {
  /** How a script names it: "the model", "the oracle". */
  readonly name: string;
  /** An event conform has just made happen on the server under test. */
  happened(event: LineEvent): Promise<void>;
  /**
   * Whether a step must bring `client` up to date even though it did not act: it is owed lines or
   * being closed (a model knows), or it may be (an oracle cannot tell).
   */
  concerns(client: string): boolean;
  /** Whether the server is known to be closing `client` already: no barrier is sent to it. */
  closing(client: string): boolean;
  /**
   * What `client` must receive now. With `barrier`, the barrier line is taken as sent by it, and its
   * answer comes apart (`reply`), unless the connection is closed first.
   */
  owed(client: string, barrier: string | undefined): Promise<Owed>;
}
