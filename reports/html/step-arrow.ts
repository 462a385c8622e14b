import type { ExchangeStep } from '../../harness/results/test-result.js';

/** A delivery between a client and the server, as the diagram draws it. */
export interface Arrow {
  readonly toServer: boolean;
  readonly label: string;
  /** Classes of the arrow's group: its kind, and `missing`, `barrier`, ... */
  readonly kinds: string;
}

const text = (value: string | undefined, fallback: string): string => value ?? fallback;

/** What travels between a client and the server at this step, if anything does. */
export function arrowOf(step: ExchangeStep): Arrow | undefined {
  const bytes = text(step.bytes, `${step.size ?? 0} B`);
  switch (step.kind) {
    case 'connect':
      return { toServer: true, label: 'connect', kinds: 'connect' };
    case 'connect-failed':
      return { toServer: true, label: `connect ✗ ${text(step.detail, 'failed')}`, kinds: 'connect-failed' };
    case 'write':
      if (step.detail?.startsWith('not sent') === true)
        return { toServer: true, label: `${bytes} (${step.detail})`, kinds: 'write unsent' };
      if (step.detail === 'barrier')
        return { toServer: true, label: `${bytes} (barrier)`, kinds: 'write barrier' };
      return { toServer: true, label: bytes, kinds: 'write' };
    case 'read':
      return { toServer: false, label: bytes, kinds: 'read' };
    case 'end':
      return { toServer: true, label: 'end: sends nothing more (FIN)', kinds: 'end' };
    case 'eof':
      return { toServer: false, label: 'the server closed (FIN)', kinds: 'eof' };
    case 'reset':
      return step.detail === 'by client'
        ? { toServer: true, label: 'reset (RST)', kinds: 'reset' }
        : { toServer: false, label: `reset (RST) ${text(step.detail, 'by the server')}`, kinds: 'reset' };
    case 'close':
      return { toServer: true, label: 'close (FIN)', kinds: 'close' };
    case 'expect':
      if (step.missing !== true) return undefined;
      if (step.detail === 'EOF')
        return {
          toServer: false,
          label: 'expected the server to close (FIN), never arrived',
          kinds: 'missing',
        };
      return {
        toServer: false,
        label: `expected ${step.bytes ?? step.detail ?? 'a reply'}${step.detail !== undefined && step.bytes !== undefined ? ` (${step.detail})` : ''}, never arrived`,
        kinds: 'missing',
      };
    default:
      return undefined;
  }
}

/** Words beside a client's lane for a step that sends nothing: what it waits for, a pause, a note. */
export function asideOf(step: ExchangeStep): string {
  switch (step.kind) {
    case 'expect':
      return step.detail === 'EOF'
        ? `${step.conn} waits for the server to close`
        : `${step.conn} waits for ${step.bytes ?? step.detail ?? 'a reply'}`;
    case 'pause':
      return `${step.conn} stops reading${step.detail === undefined ? '' : ` (${step.detail})`}`;
    case 'resume':
      return `${step.conn} reads again`;
    default:
      return step.detail ?? step.kind;
  }
}
