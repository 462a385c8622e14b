import type { Sign } from '../sign.js';
import { splitCharacter } from './decode-error.js';

/**
 * U+FFFD (EF BF BD) arrived where other bytes were sent: the server decoded them as text. In echo,
 * binary data taken for text; in any other suite, where conform sends only valid UTF-8 text, a
 * character split between two reads.
 */
export const decodedText: Sign = ({ suite, details }) => {
  const diff = details.diff;
  if (details.kind !== 'mismatch' || diff?.actualByte !== 0xef || diff.expectedByte === 0xef)
    return undefined;
  if (!diff.actualHex.toLowerCase().replaceAll(' ', '').includes('efbfbd')) return undefined;
  if (suite !== 'echo') return { cause: 'decoded-per-read', hint: splitCharacter };
  return {
    cause: 'decoded-text',
    hint: {
      neutral:
        'The server replaced bytes with U+FFFD (EF BF BD): it decodes the data as text. Pass the raw bytes on; do not decode and re-encode them.',
      python:
        'The server replaced bytes with U+FFFD (EF BF BD): it calls decode() (errors="replace") and encode() on the data. Send the bytes recv() returned as they are.',
      node: "The server replaced bytes with U+FFFD (EF BF BD): it turns the chunks into strings (setEncoding, toString(), or a string +=). Write the Buffer each 'data' event gives, unchanged.",
      java: 'The server replaced bytes with U+FFFD (EF BF BD): it reads the data as text (a Reader, new String(...)). Copy the bytes from the InputStream to the OutputStream unchanged.',
    },
  };
};
