export interface BenchRow {
  readonly measure: string;
  readonly result: string;
  readonly target: string;
  readonly met: boolean | undefined;
}

/** A plain-text table, for the terminal and for pasting into the README. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => [
    row.measure,
    row.result,
    row.target,
    row.met === undefined ? '' : row.met ? 'yes' : 'NO',
  ]);
  const header = ['measure', 'result', 'target', 'met'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => (cell[column] as string).length)),
  );
  const line = (cell: readonly string[]): string =>
    `| ${cell.map((text, column) => text.padEnd(widths[column] as number)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...cells.map(line),
  ].join('\n');
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
