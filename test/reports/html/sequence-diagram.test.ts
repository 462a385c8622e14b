import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Exchange, ExchangeStep } from '../../../harness/results/test-result.js';
import { sequenceDiagram } from '../../../reports/html/sequence-diagram.js';
import { sampleExchange } from './report-data.js';

interface Drawn {
  readonly kinds: string;
  readonly step: number;
  readonly from: string;
  readonly to: string;
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
  readonly label: string;
}

const draw = (exchange: Exchange): string => sequenceDiagram(exchange, 'd', 'the failing run');

function lanes(svg: string): Map<string, number> {
  const found = [
    ...svg.matchAll(
      /<g class="lane" data-lane="([^"]*)"[^>]*>(?:<title>[^<]*<\/title>)?<line class="lane-line" x1="([\d.]+)"/g,
    ),
  ];
  return new Map(found.map((match) => [match[1] as string, Number(match[2])]));
}

function arrows(svg: string): Drawn[] {
  const pattern =
    /<g class="arrow ([^"]*)" data-step="(\d+)" data-from="([^"]*)" data-to="([^"]*)">(?:<title>[^<]*<\/title>)?<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)"[^>]*\/><polygon[^>]*\/><text[^>]*>([^<]*)<\/text><\/g>/g;
  return [...svg.matchAll(pattern)].map((match) => ({
    kinds: match[1] as string,
    step: Number(match[2]),
    from: match[3] as string,
    to: match[4] as string,
    x1: Number(match[5]),
    y: Number(match[6]),
    x2: Number(match[7]),
    label: match[8] as string,
  }));
}

describe('the sequence diagram', () => {
  const svg = draw(sampleExchange);

  it('is well-formed SVG with a title naming it', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toMatch(
      /^<svg class="sequence"[^>]* role="img" aria-labelledby="d-title">\n<title id="d-title">the failing run<\/title>/,
    );
  });

  it('has a lane per client in the order they appear, and the server last, to the right', () => {
    const found = lanes(svg);
    expect([...found.keys()]).toEqual(['c1', 'c2', 'server']);
    const [c1, c2, server] = [...found.values()] as [number, number, number];
    expect(c1).toBeLessThan(c2);
    expect(c2).toBeLessThan(server);
  });

  it('draws writes to the server and reads back from it between the right lanes, with their bytes', () => {
    const found = lanes(svg);
    const drawn = arrows(svg);
    expect(drawn.map((arrow) => [arrow.step, arrow.kinds, arrow.from, arrow.to])).toEqual([
      [0, 'connect', 'c1', 'server'],
      [1, 'connect', 'c2', 'server'],
      [2, 'write', 'c1', 'server'],
      [4, 'read', 'server', 'c1'],
      [5, 'write', 'c2', 'server'],
      [7, 'read failing', 'server', 'c2'],
      [8, 'missing', 'server', 'c2'],
      [9, 'close', 'c1', 'server'],
    ]);
    for (const arrow of drawn) {
      // The line starts on its sender's lane and ends just short of the receiver's, where the head is.
      expect(arrow.x1).toBe(found.get(arrow.from));
      expect(Math.abs(arrow.x2 - (found.get(arrow.to) as number))).toBeLessThan(12);
    }
    expect(drawn.find((arrow) => arrow.step === 2)?.label).toBe('&quot;hello\\n&quot;');
    expect(drawn.find((arrow) => arrow.step === 8)?.label).toBe('expected &quot;\\x00c&quot;, never arrived');
    // Rows go down the page in order.
    const ys = drawn.map((arrow) => arrow.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
  });

  it('writes what a client waits for beside its lane, not as an arrow', () => {
    expect(svg).toMatch(
      /<g class="aside-step expect" data-step="3"><text [^>]*>c1 waits for &quot;hello\\n&quot;<\/text><\/g>/,
    );
  });

  it('marks the failing step, on its row, with ✗ and what happened', () => {
    const marks = [
      ...svg.matchAll(
        /<g class="fail-mark" data-step="(\d+)"><rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/g,
      ),
    ];
    expect(marks.map((match) => Number(match[1]))).toEqual([7]);
    const top = Number(marks[0]?.[2]);
    const bottom = top + Number(marks[0]?.[3]);
    const failing = arrows(svg).find((arrow) => arrow.step === 7) as Drawn;
    expect(failing.y).toBeGreaterThan(top);
    expect(failing.y).toBeLessThan(bottom);
    for (const other of arrows(svg).filter((arrow) => arrow.step !== 7)) {
      expect(other.y < top || other.y > bottom).toBe(true);
    }
    expect(svg).toContain('✗ fails here: got &quot;abX&quot;');
  });

  it('says where steps were left out, and draws at most 300', () => {
    const many: ExchangeStep[] = Array.from({ length: 400 }, (_, index) => ({
      atMs: index,
      conn: 'c1',
      kind: 'write',
      bytes: `"${index}"`,
      size: 1,
      ...(index === 10 && { omittedBefore: 40 }),
    }));
    const drawn = draw({ steps: many, omitted: 40 });
    expect(drawn).toContain('… 140 steps left out …');
    expect(drawn).not.toContain('… 40 steps left out …');
    expect(arrows(drawn)).toHaveLength(300);
    const withGap = draw({ steps: many.slice(0, 20), omitted: 40 });
    expect(withGap).toContain('… 40 steps left out …');
  });
});
