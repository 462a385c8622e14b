/** One line of text with the punctuation Markdown reads as syntax escaped: `|` as a table column, `<` as HTML. */
export function escapeText(line: string): string {
  return line.replace(/[\\`*_[\]<>|~&#]/g, '\\$&');
}

/** One line of text with `&`, `<` and `>` as HTML entities, for inside an HTML tag such as `<summary>`. */
export function escapeHtml(line: string): string {
  return line.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function longestBacktickRun(text: string): number {
  return (text.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0);
}

/** One line as inline code in a table cell: a fence longer than any backtick run inside, and `|` escaped. */
export function codeCell(line: string): string {
  const content = line.replaceAll('|', '\\|');
  const fence = '`'.repeat(longestBacktickRun(content) + 1);
  const pad = content.includes('`') || content === '' ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** A fenced block that no backtick run inside can close early. */
export function fencedBlock(text: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}text\n${text}\n${fence}`;
}
