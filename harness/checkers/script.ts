import type { LogEvent } from '../driver/event-log.js';
import type { FindingDetails } from './finding.js';
import { formatBytes } from './format-bytes.js';

const maxLines = 60;

/** The line where the event log left events out, so the script does not pass over them in silence. */
function gapLine(count: number): string {
  return `# … ${count} events not recorded …`;
}

function bytesOf(event: LogEvent): string {
  return event.preview === undefined
    ? '""'
    : formatBytes(event.preview, 48, event.size ?? event.preview.length);
}

/** `alice.send("NICK alice")`: a line without its ending, which is named only when it is CRLF. */
function sendLine(event: LogEvent): string {
  const ending = event.detail === 'crlf-line' ? 2 : 1;
  const size = (event.size ?? 0) - ending;
  const preview = event.preview ?? Buffer.alloc(0);
  const text = formatBytes(preview.subarray(0, Math.min(preview.length, size)), 48, size);
  return `${event.conn}.send(${text}${ending === 2 ? ', "\\r\\n"' : ''})`;
}

/** The client's side of one event as a script line, or undefined for what the server did. */
function scriptLine(event: LogEvent): string | undefined {
  const conn = event.conn;
  switch (event.kind) {
    case 'connect':
    case 'connect-failed':
      return `${conn} = connect()`;
    case 'fail':
      return undefined;
    case 'write':
      // A write to a closed connection is logged with why nothing was sent.
      if (event.detail?.startsWith('not sent') === true)
        return `${conn}.write(${bytesOf(event)})  # ${event.detail}`;
      if (event.detail === 'barrier') return undefined;
      if (event.detail === 'line' || event.detail === 'crlf-line') return sendLine(event);
      return `${conn}.write(${bytesOf(event)})`;
    case 'end':
      return `${conn}.end()  # half-close: ${conn} sends nothing more`;
    case 'reset':
      return event.detail === 'by client' ? `${conn}.reset()  # abortive close (RST)` : undefined;
    case 'close':
      return event.detail === undefined ? `${conn}.close()` : undefined;
    case 'pause':
      return event.detail === undefined ? `${conn}.pause()  # stop reading` : undefined;
    case 'resume':
      return `${conn}.resume()`;
    case 'expect':
      if (event.detail === 'EOF') return `expect ${conn} to see the server close the connection`;
      if (event.preview === undefined && event.detail !== undefined)
        return `expect ${conn} to read ${event.detail}`;
      return `expect ${conn} to read ${bytesOf(event)}`;
    case 'note':
      return `# ${event.detail ?? ''}`;
    default:
      return undefined;
  }
}

/**
 * The run as a short script a student can read and retype: what each client did and expected,
 * with each failing step marked by what actually arrived.
 */
export function renderScript(events: readonly LogEvent[], finding?: FindingDetails): string[] {
  const lines: string[] = [];
  const lastLineOf = new Map<string, number>();
  let findingShown = false;
  let dropped = 0;
  for (const event of events) {
    if (event.droppedBefore !== undefined) {
      dropped = event.droppedBefore;
      lines.push(gapLine(dropped));
    }
    if (event.kind === 'fail' || event.kind === 'connect-failed') {
      const outcome = event.kind === 'fail' ? event.detail : (finding?.outcome ?? event.detail);
      if (event.kind === 'connect-failed') lines.push(scriptLine(event) as string);
      const index = event.kind === 'connect-failed' ? lines.length - 1 : lastLineOf.get(event.conn);
      if (index !== undefined) lines[index] = `${lines[index] as string}  ✗ ${outcome ?? 'failed'}`;
      findingShown ||= finding?.conn === event.conn;
      continue;
    }
    const line = scriptLine(event);
    if (line === undefined) continue;
    lastLineOf.set(event.conn, lines.length);
    lines.push(line);
  }
  if (finding !== undefined && !findingShown) {
    const outcome = finding.outcome ?? finding.message;
    const last = finding.conn === undefined ? undefined : lastLineOf.get(finding.conn);
    // A finding about what a client read belongs on that client's last expectation, if it was the last step.
    if (last !== undefined && last === lines.length - 1 && (lines[last] as string).startsWith('expect ')) {
      lines[last] = `${lines[last] as string}  ✗ ${outcome}`;
    } else {
      lines.push(`✗ ${finding.conn ?? 'server'}: ${outcome}`);
    }
  }
  return shorten(lines, dropped);
}

/** What a line looks like with connection numbers and data left out. */
function shape(line: string): string {
  return line.replace(/"(?:[^"\\]|\\.)*"(…\(\d+ bytes in all\))?/g, '"…"').replace(/\bc\d+\b/g, 'cN');
}

/** Runs of four or more lines of the same shape (c1 … c64 = connect()) shrink to their first and last. */
function collapseRuns(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let start = 0; start < lines.length;) {
    let end = start + 1;
    while (end < lines.length && shape(lines[end] as string) === shape(lines[start] as string)) end += 1;
    const run = end - start;
    if (run >= 4) {
      out.push(lines[start] as string, `#   … ${run - 2} more like this …`, lines[end - 1] as string);
    } else {
      out.push(...lines.slice(start, end));
    }
    start = end;
  }
  return out;
}

function shorten(all: string[], dropped: number): string[] {
  const lines = collapseRuns(all);
  if (lines.length <= maxLines) return lines;
  const keep = maxLines / 2;
  const cut = lines.slice(keep, -keep);
  // The gap in the log, if it falls in the part left out, is still told.
  const gapCut = dropped > 0 && cut.includes(gapLine(dropped));
  const left = gapCut
    ? `${cut.length - 1} more steps, and ${dropped} events not recorded`
    : `${cut.length} more steps`;
  return [...lines.slice(0, keep), `# … ${left} …`, ...lines.slice(-keep)];
}

/** Every event with its time, for --verbose and the JSON report. */
export function renderTranscript(events: readonly LogEvent[], dropped = 0): string[] {
  const lines = events.map((event) => {
    const time = `${event.at.toFixed(1).padStart(8)} ms`;
    const size = event.size === undefined ? '' : ` ${event.size} B`;
    const data = event.preview === undefined ? '' : ` ${formatBytes(event.preview, 32, event.size)}`;
    const detail = event.detail === undefined ? '' : ` (${event.detail})`;
    return `${time}  ${event.conn.padEnd(6)} ${event.kind}${size}${data}${detail}`;
  });
  return dropped > 0 ? [`(${dropped} events in the middle of the run are not shown)`, ...lines] : lines;
}
