import type { Exchange, ExchangeStep } from '../../harness/results/test-result.js';
import { clip, escapeHtml } from './escape-html.js';
import { arrowOf, asideOf, type Arrow } from './step-arrow.js';

const maxSteps = 300;
const timeWidth = 80;
const firstLane = timeWidth + 80;
/** Room between lanes: wide for a few clients, so their bytes show; narrower, and scrolled, for many. */
const laneRoom = 900;
const minLaneGap = 230;
const maxLaneGap = 480;
const headTop = 8;
const headHeight = 26;
const rowHeight = 30;
const markHeight = 20;
/** Width of a character of the 12 px monospace font, near enough to fit labels between lanes. */
const charWidth = 7.3;
const maxTitleChars = 200;
const maxLabelChars = 100;

/** The clients in the order they first appear; the server's lane comes after them. */
function clientsOf(steps: readonly ExchangeStep[]): string[] {
  return [...new Set(steps.filter((step) => step.conn !== '#').map((step) => step.conn))];
}

const fmt = (value: number): string => String(Math.round(value * 10) / 10);

function textAt(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${fmt(x)}" y="${fmt(y)}"${attributes}>${escapeHtml(content)}</text>`;
}

/** A label that fits `width`, with the whole of it as a tooltip when cut. */
function fitted(label: string, width: number): { shown: string; title: string } {
  const shown = clip(label, Math.min(maxLabelChars, Math.max(8, Math.floor(width / charWidth))));
  return { shown, title: shown === label ? '' : `<title>${escapeHtml(clip(label, maxTitleChars))}</title>` };
}

function arrowSvg(
  arrow: Arrow,
  step: ExchangeStep,
  index: number,
  clientX: number,
  serverX: number,
  y: number,
): string {
  const [from, to] = arrow.toServer ? [clientX, serverX] : [serverX, clientX];
  const direction = to > from ? 1 : -1;
  const tip = to - direction;
  const head = `${fmt(tip)},${fmt(y)} ${fmt(tip - direction * 10)},${fmt(y - 5)} ${fmt(tip - direction * 10)},${fmt(y + 5)}`;
  const headClass =
    arrow.kinds === 'missing'
      ? 'head-missing'
      : arrow.kinds === 'read' || arrow.kinds === 'eof'
        ? 'head-read'
        : 'head';
  const label = fitted(arrow.label, Math.abs(to - from) - 16);
  const failing = step.failing === true ? ' failing' : '';
  const ends = arrow.toServer
    ? `data-from="${escapeHtml(step.conn)}" data-to="server"`
    : `data-from="server" data-to="${escapeHtml(step.conn)}"`;
  return [
    `<g class="arrow ${arrow.kinds}${failing}" data-step="${index}" ${ends}>`,
    label.title,
    `<line x1="${fmt(from)}" y1="${fmt(y)}" x2="${fmt(tip - direction * 8)}" y2="${fmt(y)}"/>`,
    `<polygon class="${headClass}" points="${head}"/>`,
    textAt((from + to) / 2, y - 6, label.shown, ' text-anchor="middle"'),
    '</g>',
  ].join('');
}

function markSvg(
  step: ExchangeStep,
  index: number,
  top: number,
  bottom: number,
  width: number,
  y: number,
): string {
  const words = fitted(
    `✗ fails here: ${step.outcome ?? 'the failure showed at this step'}`,
    width - timeWidth - 16,
  );
  return [
    `<g class="fail-mark" data-step="${index}">`,
    `<rect x="2" y="${fmt(top)}" width="${fmt(width - 4)}" height="${fmt(bottom - top)}" rx="4"/>`,
    textAt(8, y + 4, '✗'),
    words.title,
    textAt(timeWidth, bottom - 6, words.shown),
    '</g>',
  ].join('');
}

/**
 * The failing run as a sequence diagram in SVG: a lane per client and one for the server, an arrow
 * per delivery (writes to the server, reads from it) with its bytes, time since the run began on the
 * left, the delivery that never arrived dashed, and the failing step marked with ✗ and its outcome.
 */
export function sequenceDiagram(exchange: Exchange, id: string, caption: string): string {
  // A report made elsewhere may hold more steps than conform keeps: the last of them are drawn.
  const cut = Math.max(0, exchange.steps.length - maxSteps);
  const left = exchange.steps.slice(0, cut).reduce((sum, step) => sum + 1 + (step.omittedBefore ?? 0), 0);
  const steps = exchange.steps
    .slice(cut)
    .map((step, index) =>
      index === 0 && cut > 0 ? { ...step, omittedBefore: (step.omittedBefore ?? 0) + left } : step,
    );
  const clients = clientsOf(steps);
  const laneGap = Math.max(
    minLaneGap,
    Math.min(maxLaneGap, Math.floor(laneRoom / Math.max(1, clients.length))),
  );
  const laneX = new Map(clients.map((conn, index) => [conn, firstLane + index * laneGap]));
  const serverX = firstLane + clients.length * laneGap;
  const width = serverX + 40;
  const rows: string[] = [];
  let y = headTop + headHeight + 24;
  steps.forEach((step, index) => {
    if (step.omittedBefore !== undefined && step.omittedBefore > 0) {
      rows.push(textAt(timeWidth, y, `… ${step.omittedBefore} steps left out …`, ' class="gap"'));
      y += rowHeight;
    }
    const top = y - rowHeight + 8;
    const bottom = y + (step.failing === true ? markHeight : 0) + 8;
    if (step.failing === true) rows.push(markSvg(step, index, top, bottom, width, y));
    rows.push(textAt(timeWidth - 8, y + 4, `${step.atMs.toFixed(1)} ms`, ' class="time" text-anchor="end"'));
    const arrow = arrowOf(step);
    const clientX = laneX.get(step.conn);
    if (arrow !== undefined && clientX !== undefined) {
      rows.push(arrowSvg(arrow, step, index, clientX, serverX, y));
    } else {
      const x = clientX === undefined ? timeWidth + 8 : clientX + 8;
      const aside = fitted(asideOf(step), width - x - 8);
      rows.push(
        `<g class="aside-step ${step.kind}${step.failing === true ? ' failing' : ''}" data-step="${index}">${aside.title}${textAt(x, y + 4, aside.shown, ' class="aside"')}</g>`,
      );
    }
    y += rowHeight + (step.failing === true ? markHeight : 0);
  });
  const height = y;
  const lanes = [
    ...clients.map((conn) => ({ conn, x: laneX.get(conn) as number, role: 'client' })),
    { conn: 'server', x: serverX, role: 'server' },
  ].map(({ conn, x, role }) => {
    const name = fitted(conn, laneGap - 40);
    const boxWidth = Math.min(laneGap - 30, name.shown.length * charWidth + 20);
    return [
      `<g class="lane" data-lane="${escapeHtml(conn)}" data-role="${role}">`,
      name.title,
      `<line class="lane-line" x1="${fmt(x)}" y1="${fmt(headTop + headHeight)}" x2="${fmt(x)}" y2="${fmt(height - 4)}"/>`,
      `<g class="lane-head"><rect x="${fmt(x - boxWidth / 2)}" y="${headTop}" width="${fmt(boxWidth)}" height="${headHeight}" rx="3"/>`,
      textAt(x, headTop + 17, name.shown),
      '</g></g>',
    ].join('');
  });
  return [
    `<svg class="sequence" xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" viewBox="0 0 ${fmt(width)} ${fmt(height)}" role="img" aria-labelledby="${escapeHtml(id)}-title">`,
    `<title id="${escapeHtml(id)}-title">${escapeHtml(caption)}</title>`,
    ...lanes,
    ...rows,
    '</svg>',
  ].join('\n');
}
