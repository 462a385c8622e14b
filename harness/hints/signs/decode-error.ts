import type { Phrasing } from '../phrasing.js';
import type { Sign } from '../sign.js';

const split =
  "A character whose bytes came in two reads was lost (U+FFFD, or a decoding error): the server decodes each read on its own, and a read may end inside a character's bytes.";

/** A line protocol's text decoded a read at a time: what to do instead, in each language's words. */
export const splitCharacter: Phrasing = {
  neutral: `${split} Keep each client's bytes until the LF and decode whole lines only, or pass the bytes on undecoded.`,
  python: `${split} It calls decode() on each recv(). Keep a bytes buffer per client, split it at b"\\n" and decode each whole line (or use conn.makefile(encoding="utf-8"), which keeps an unfinished character for the next read).`,
  node: `${split} It turns each 'data' chunk into a string (chunk.toString(), or string += chunk). Keep Buffers until the LF and decode whole lines, or call socket.setEncoding('utf8'), whose decoder keeps an unfinished character for the next chunk.`,
  java: `${split} It makes a String of each read() (new String(buffer, 0, n)). Read through a BufferedReader over an InputStreamReader(…, UTF_8), whose decoder keeps an unfinished character, or keep the bytes until the LF.`,
  c: `${split} Keep each client's bytes until the '\\n' and handle whole lines only.`,
};

/** Errors a decoder raises on bytes that are not (or not yet) valid UTF-8. */
const decodeError = /\b(UnicodeDecodeError|MalformedInputException|CharacterCodingException)\b.*/;

/**
 * The server's output shows a decoding error. conform sends only valid UTF-8 in a line protocol, so
 * there the error is a character split between two reads; in echo it is binary data taken for text.
 */
export const decodeErrorShown: Sign = ({ suite, stderr, stdout }) => {
  const error = decodeError.exec(stderr) ?? decodeError.exec(stdout);
  if (error === null) return undefined;
  if (suite !== 'echo') return { cause: 'decoded-per-read', hint: splitCharacter };
  const name = error[1] as string;
  const raised = `The server raised ${name}: it decodes the bytes it reads as text, and the bytes a client sends need not be UTF-8 (echo.binary sends every byte value).`;
  return {
    cause: 'decoded-text',
    hint: {
      neutral: `${raised} Send back exactly the bytes read, never decoded, stripped or re-encoded.`,
      python: `${raised} Send back exactly what recv() returned: conn.sendall(data), with no decode(), strip() or encode() in between.`,
      java: `${raised} Copy bytes from the InputStream to the OutputStream (read(byte[]), write(buf, 0, n)); no Reader, no String.`,
    },
  };
};
