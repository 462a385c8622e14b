/** What happens to a line server, as its model sees it: a client connects, sends a line, leaves. */
export type LineEvent =
  | { readonly kind: 'connect'; readonly client: string }
  | { readonly kind: 'line'; readonly client: string; readonly line: string }
  | { readonly kind: 'close'; readonly client: string }
  | { readonly kind: 'reset'; readonly client: string };

/** What one event does to the server. */
export interface LineStep<State> {
  /** The server's state after the event. */
  readonly state: State;
  /** The lines each client must receive because of it, in order, without their line ending. */
  readonly send?: Readonly<Record<string, readonly string[]>>;
  /** Clients whose connection the server must close because of it (after sending them their lines). */
  readonly close?: readonly string[];
}

/**
 * A reference model of a line protocol: a pure function from the server's state and an event to the
 * next state and what every client must receive. Clients are named c1, c2, ... in the order they connect.
 */
export interface LineModel<State> {
  /** The state of a server that has just started. */
  initial(): State;
  step(state: State, event: LineEvent): LineStep<State>;
}
