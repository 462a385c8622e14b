import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatHex,
  formatPrintable,
  formatRoughSize,
  formatSize,
} from '../../../harness/checkers/format-bytes.js';

const bytes = (...values: number[]): Buffer => Buffer.from(values);

describe('formatBytes', () => {
  it('quotes printable ASCII as it is', () => {
    expect(formatBytes(Buffer.from('hello, world ~'))).toBe('"hello, world ~"');
  });

  it('writes the empty string as ""', () => {
    expect(formatBytes(Buffer.alloc(0))).toBe('""');
  });

  it('escapes LF, CR, TAB, the double quote and the backslash by name', () => {
    expect(formatBytes(Buffer.from('a\nb\rc\td"e\\f'))).toBe('"a\\nb\\rc\\td\\"e\\\\f"');
  });

  it('writes NUL, other control bytes, DEL and bytes above 0x7f as \\xNN', () => {
    expect(formatBytes(bytes(0x00, 0x01, 0x1b, 0x1f, 0x7f, 0x80, 0xff))).toBe(
      '"\\x00\\x01\\x1b\\x1f\\x7f\\x80\\xff"',
    );
  });

  it('gives a literal that reads back as the same bytes, for every byte value', () => {
    const every = Buffer.from(Array.from({ length: 256 }, (_value, index) => index));
    const literal = formatBytes(every, 256);
    const asJson = literal.replace(/\\x([0-9a-f]{2})/g, '\\u00$1');
    expect(JSON.parse(asJson)).toBe(every.toString('latin1'));
  });

  it('cuts long data to 48 bytes with a note of the whole size', () => {
    expect(formatBytes(Buffer.alloc(100, 'a'))).toBe(`"${'a'.repeat(48)}"…(100 bytes in all)`);
  });

  it('adds no note when everything is shown', () => {
    expect(formatBytes(Buffer.alloc(48, 'a'))).toBe(`"${'a'.repeat(48)}"`);
  });

  it('cuts at maxBytes when given', () => {
    expect(formatBytes(Buffer.from('abcdef'), 3)).toBe('"abc"…(6 bytes in all)');
  });

  it('notes the size of the whole when given a preview of it', () => {
    expect(formatBytes(Buffer.from('abc'), 48, 1000)).toBe('"abc"…(1000 bytes in all)');
  });
});

describe('formatHex', () => {
  it('writes each byte as two hex digits, space-separated', () => {
    expect(formatHex(bytes(0x61, 0x62, 0x00, 0x0f, 0xff))).toBe('61 62 00 0f ff');
    expect(formatHex(Buffer.alloc(0))).toBe('');
  });
});

describe('formatPrintable', () => {
  it('writes one character per byte, with a dot for anything not printable ASCII', () => {
    expect(formatPrintable(Buffer.from('a b\0c\n'))).toBe('a b.c.');
    expect(formatPrintable(bytes(0x7e, 0x7f, 0x80, 0x1f))).toBe('~...');
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [5, '5 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [1536, '1536 B'],
    [64 * 1024, '64 KiB'],
    [1024 * 1024, '1 MiB'],
    [1024 * 1024 + 1, '1048577 B'],
    [1536 * 1024, '1536 KiB'],
    [64 * 1024 * 1024, '64 MiB'],
  ])('writes %i bytes as %s', (size, text) => {
    expect(formatSize(size)).toBe(text);
  });
});

describe('formatRoughSize', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [925_184, '903.5 KiB'],
    [16 * 1024 * 1024, '16 MiB'],
    [3_879_731, '3.7 MiB'],
  ])('writes %i bytes as %s', (size, text) => {
    expect(formatRoughSize(size)).toBe(text);
  });
});

describe('formatBytes with UTF-8 text', () => {
  it('shows printable characters in valid UTF-8 as themselves', () => {
    expect(formatBytes(Buffer.from('WELCOME éve ✓ 😀'))).toBe('"WELCOME éve ✓ 😀"');
  });

  it('escapes broken sequences and invisible characters byte by byte', () => {
    expect(formatBytes(Buffer.from([0xe2, 0x82]))).toBe('"\\xe2\\x82"');
    expect(formatBytes(Buffer.from([0xc3]))).toBe('"\\xc3"');
    expect(formatBytes(Buffer.from('\u00a0'))).toBe('"\\xc2\\xa0"');
  });
});
