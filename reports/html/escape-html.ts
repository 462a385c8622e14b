/** Text as HTML (and SVG) content or a quoted attribute value: every character markup could read is an entity. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** At most `max` characters, the cut said with an ellipsis; never half of a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/** The last `max` characters of a tail of output, with a line saying how much came before. */
export function lastChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const start = /[\uDC00-\uDFFF]/.test(text.charAt(text.length - max))
    ? text.length - max + 1
    : text.length - max;
  return `… ${start} characters before these are not shown …\n${text.slice(start)}`;
}
