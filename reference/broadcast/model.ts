/**
 * The broadcast protocol as a pure model: who is connected, and who receives a line. Lines are bytes
 * ending in LF; assembling them from a byte stream is the transport's job (see LineSplitter).
 */
export interface BroadcastState {
  /** Connected clients, in the order they connected. */
  readonly clients: readonly string[];
}

export interface Delivery {
  readonly to: string;
  readonly line: Uint8Array;
}

export const emptyBroadcast: BroadcastState = { clients: [] };

export function joined(state: BroadcastState, client: string): BroadcastState {
  if (state.clients.includes(client)) throw new Error(`${client} is already connected`);
  return { clients: [...state.clients, client] };
}

export function left(state: BroadcastState, client: string): BroadcastState {
  return { clients: state.clients.filter((name) => name !== client) };
}

/** A complete line from `sender` (its LF included) goes to every other client connected now. */
export function deliveries(state: BroadcastState, sender: string, line: Uint8Array): Delivery[] {
  return state.clients.filter((name) => name !== sender).map((to) => ({ to, line }));
}
