const named: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };

function escapeByte(byte: number): string {
  const special = named[byte];
  if (special !== undefined) return special;
  if (byte >= 0x20 && byte < 0x7f) return String.fromCharCode(byte);
  return `\\x${byte.toString(16).padStart(2, '0')}`;
}

/**
 * Bytes as a quoted, escaped literal a person can read and paste: "ab\x00c".
 * Long data is cut to `maxBytes` with a note of what was left out.
 */
export function formatBytes(bytes: Uint8Array, maxBytes = 48, totalSize = bytes.length): string {
  const shown = bytes.subarray(0, Math.min(maxBytes, bytes.length));
  let text = '"';
  for (const byte of shown) text += escapeByte(byte);
  text += '"';
  if (totalSize > shown.length) text += `…(${totalSize} bytes in all)`;
  return text;
}

/** Bytes as hex pairs: "61 62 00 63". */
export function formatHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/** Bytes as printable characters, one per byte, '.' for the rest: "ab.c". */
export function formatPrintable(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join(
    '',
  );
}

/** A byte count with its unit: 5 B, 64 KiB, 16 MiB. */
export function formatSize(size: number): string {
  if (size >= 1 << 20 && size % (1 << 20) === 0) return `${size / (1 << 20)} MiB`;
  if (size >= 1 << 10 && size % (1 << 10) === 0) return `${size / (1 << 10)} KiB`;
  return `${size} B`;
}
