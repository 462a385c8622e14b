const named: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };

function escapeByte(byte: number): string {
  const special = named[byte];
  if (special !== undefined) return special;
  if (byte >= 0x20 && byte < 0x7f) return String.fromCharCode(byte);
  return `\\x${byte.toString(16).padStart(2, '0')}`;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A printable non-ASCII character encoded in valid UTF-8 at `index`, shown as itself ("é", "😀"). */
function utf8Character(bytes: Uint8Array, index: number): { text: string; length: number } | undefined {
  const lead = bytes[index] as number;
  const length =
    lead >= 0xc2 && lead <= 0xdf
      ? 2
      : lead >= 0xe0 && lead <= 0xef
        ? 3
        : lead >= 0xf0 && lead <= 0xf4
          ? 4
          : 0;
  if (length === 0 || index + length > bytes.length) return undefined;
  try {
    const text = strictUtf8.decode(bytes.subarray(index, index + length));
    return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(text) ? { text, length } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bytes as a quoted, escaped literal a person can read and paste: "ab\x00c". Printable characters in
 * valid UTF-8 show as themselves; every other byte outside printable ASCII is escaped.
 * Long data is cut to `maxBytes` with a note of what was left out.
 */
export function formatBytes(bytes: Uint8Array, maxBytes = 48, totalSize = bytes.length): string {
  const shown = bytes.subarray(0, Math.min(maxBytes, bytes.length));
  let text = '"';
  for (let index = 0; index < shown.length;) {
    const character = utf8Character(shown, index);
    if (character !== undefined) {
      text += character.text;
      index += character.length;
    } else {
      text += escapeByte(shown[index] as number);
      index += 1;
    }
  }
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

/** A byte count rounded for reading, where it need not be exact: 300 B, 12.5 KiB, 16 MiB, 4.6 MiB. */
export function formatRoughSize(size: number): string {
  const [unit, name] = size >= 1 << 20 ? [1 << 20, 'MiB'] : size >= 1 << 10 ? [1 << 10, 'KiB'] : [1, 'B'];
  const value = size / unit;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${name}`;
}
