import type { FindingDetails } from '../checkers/finding.js';
import { formatBytes } from '../checkers/format-bytes.js';
import type { LogEvent } from '../driver/event-log.js';
import type { Exchange, ExchangeStep } from '../results/test-result.js';

/** Steps kept at most: the start of the run, the steps around the failure and the end. */
export const maxExchangeSteps = 300;
const headSteps = 100;
const aroundFailure = 50;
const maxDetailChars = 200;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function clip(text: string): string {
  return text.length <= maxDetailChars ? text : `${text.slice(0, maxDetailChars)}…`;
}

function stepOf(event: LogEvent): Mutable<ExchangeStep> {
  const step: Mutable<ExchangeStep> = {
    atMs: roundMs(event.at),
    conn: event.conn,
    kind: event.kind as ExchangeStep['kind'],
  };
  if (event.preview !== undefined) step.bytes = formatBytes(event.preview, 48, event.size);
  if (event.size !== undefined) step.size = event.size;
  if (event.detail !== undefined) step.detail = clip(event.detail);
  if (event.droppedBefore !== undefined) step.omittedBefore = event.droppedBefore;
  return step;
}

/** Something the server did to a client: bytes, its close, its reset. */
function fromServer(event: LogEvent): boolean {
  return (
    event.kind === 'read' || event.kind === 'eof' || (event.kind === 'reset' && event.detail !== 'by client')
  );
}

/** A step the counterexample script shows: what a client did or expected, not what it received. */
function clientStep(event: LogEvent): boolean {
  if (event.kind === 'write') return event.detail !== 'barrier';
  return ['connect', 'connect-failed', 'end', 'close', 'pause', 'resume', 'expect', 'note'].includes(
    event.kind,
  );
}

function lastIndex(
  events: readonly LogEvent[],
  from: number,
  to: number,
  test: (event: LogEvent) => boolean,
) {
  for (let index = to - 1; index >= from; index -= 1) if (test(events[index] as LogEvent)) return index;
  return -1;
}

/** The expectation that was never met: its index, or -1 when the failure was not about a missing reply. */
function unmetExpectation(
  events: readonly LogEvent[],
  conn: string | undefined,
  failAt: number,
  failed: boolean,
  details: FindingDetails,
): number {
  if (conn === undefined || details.kind === 'extra-bytes') return -1;
  const expectation = lastIndex(events, 0, failAt, (event) => event.conn === conn && event.kind === 'expect');
  if (expectation === -1 || failed) return expectation;
  // Without a failed read, the suite judged what the read returned: that read was its last step.
  return lastIndex(events, 0, failAt, clientStep) === expectation ? expectation : -1;
}

/** What of the expectation never arrived, as a step placed where the failure showed. */
function missingStep(expectation: LogEvent, at: number, details: FindingDetails): Mutable<ExchangeStep> {
  const step: Mutable<ExchangeStep> = {
    atMs: roundMs(at),
    conn: expectation.conn,
    kind: 'expect',
    missing: true,
  };
  if (expectation.preview === undefined) {
    step.detail = clip(expectation.detail ?? 'a reply');
    return step;
  }
  const size = expectation.size ?? expectation.preview.length;
  const received = Math.min(size, Math.max(0, details.received ?? 0));
  // The preview holds the first bytes only: past it, what is missing is told by its size alone.
  if (received < expectation.preview.length) {
    step.bytes = formatBytes(expectation.preview.subarray(received), 48, size - received);
  }
  step.size = size - received;
  if (received > 0) step.detail = `the last ${size - received} of ${size} bytes`;
  return step;
}

/** The read whose bytes the finding quotes, where it names what arrived. */
function quotedRead(
  events: readonly LogEvent[],
  conn: string,
  to: number,
  actual: string | undefined,
): number {
  if (actual === undefined || !actual.startsWith('"')) return -1;
  const prefix = actual.replace(/"(…\(\d+ bytes in all\))?$/, '');
  return lastIndex(
    events,
    0,
    to,
    (event) =>
      event.conn === conn &&
      event.kind === 'read' &&
      event.preview !== undefined &&
      formatBytes(event.preview, 48, event.size).startsWith(prefix),
  );
}

/** Keeps the head of the run, the steps around the failure and the tail; counts what it leaves out. */
function bounded(steps: readonly Mutable<ExchangeStep>[]): Exchange {
  const failure = steps.findIndex((step) => step.failing === true || step.missing === true);
  const tail = maxExchangeSteps - headSteps - (failure === -1 ? 0 : aroundFailure);
  const keep = (index: number): boolean =>
    steps.length <= maxExchangeSteps ||
    index < headSteps ||
    index >= steps.length - tail ||
    (failure !== -1 && Math.abs(index - failure) < aroundFailure / 2);
  const kept: ExchangeStep[] = [];
  let omitted = 0;
  let gap = 0;
  steps.forEach((step, index) => {
    const before = step.omittedBefore ?? 0;
    omitted += before;
    if (!keep(index)) {
      gap += before + 1;
      omitted += 1;
      return;
    }
    kept.push(gap + before > 0 ? { ...step, omittedBefore: gap + before } : step);
    gap = 0;
  });
  return { steps: kept, omitted };
}

/** The failure event of the finding's connection, or else the first one: a read that failed. */
function failEventOf(events: readonly LogEvent[], details: FindingDetails): number {
  const own = events.findIndex((event) => event.kind === 'fail' && event.conn === details.conn);
  return own !== -1 ? own : events.findIndex((event) => event.kind === 'fail');
}

/** The step the failure showed at: what the server sent instead, or -1 when nothing came instead. */
function failingEvent(
  events: readonly LogEvent[],
  conn: string | undefined,
  failAt: number,
  expectation: number,
  details: FindingDetails,
): number {
  if (conn === undefined) return -1;
  const onConn = (test: (event: LogEvent) => boolean) => (event: LogEvent) =>
    event.conn === conn && test(event);
  if (expectation !== -1) {
    return details.kind === 'timeout' ? -1 : lastIndex(events, expectation, failAt, onConn(fromServer));
  }
  const quoted = quotedRead(events, conn, failAt, details.actual);
  if (quoted !== -1) return quoted;
  const sent = lastIndex(events, 0, failAt, onConn(fromServer));
  return sent !== -1
    ? sent
    : lastIndex(
        events,
        0,
        failAt,
        onConn((event) => event.kind !== 'fail'),
      );
}

/**
 * The failing run as a bounded list of steps for a sequence diagram: every event of the log but the
 * failed reads themselves, the step where the failure showed marked, and the delivery a client
 * waited for in vain added where the failure showed.
 */
export function reportExchange(events: readonly LogEvent[], details: FindingDetails): Exchange {
  const failEvent = failEventOf(events, details);
  const failAt = failEvent === -1 ? events.length : failEvent;
  const conn = failEvent === -1 ? details.conn : events[failEvent]?.conn;
  const outcome = clip(events[failEvent]?.detail ?? details.outcome ?? details.message);
  const expectation = unmetExpectation(events, conn, failAt, failEvent !== -1, details);
  const failing = failingEvent(events, conn, failAt, expectation, details);
  const at = events[Math.min(failAt, events.length - 1)]?.at ?? 0;
  const missing = expectation === -1 ? undefined : missingStep(events[expectation] as LogEvent, at, details);
  const mark = (step: Mutable<ExchangeStep>): Mutable<ExchangeStep> =>
    Object.assign(step, { failing: true, outcome });

  const steps: Mutable<ExchangeStep>[] = [];
  for (let index = 0; index <= events.length; index += 1) {
    if (index === failAt && missing !== undefined) steps.push(failing === -1 ? mark(missing) : missing);
    const event = events[index];
    if (event === undefined || event.kind === 'fail') continue;
    steps.push(index === failing ? mark(stepOf(event)) : stepOf(event));
  }
  if (!steps.some((step) => step.failing === true)) {
    // A failure of no one connection (the server exited): a note of its own, at the end.
    steps.push(mark({ atMs: roundMs(at), conn: '#', kind: 'note', detail: outcome }));
  }
  return bounded(steps);
}
