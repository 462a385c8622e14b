import type { Phrasing } from '../phrasing.js';
import type { Sign } from '../sign.js';
import { splitCharacter } from './decode-error.js';
import { unfinishedLine } from './unfinished-line.js';

/** Ways a server changes text it should pass on byte for byte. */
export type Alteration =
  'cut' | 'split-on-spaces' | 'cr-kept' | 'trimmed' | 'spaces-collapsed' | 'case-changed' | 'split-character';

const withoutEnding = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1').replace(/\n$/, '');

/** How `actual` is `expected` changed, if it is one of the usual changes. */
export function alterationOf(expected: Uint8Array, actual: Uint8Array): Alteration | undefined {
  const want = withoutEnding(expected);
  const got = withoutEnding(actual);
  if (want === got) return undefined;
  if (got === `${want}\r`) return 'cr-kept';
  if (got === want.trim() || got === want.trimStart() || got === want.trimEnd()) return 'trimmed';
  if (got.length > 0 && got.length < want.length && want.startsWith(got)) {
    // Cut right before a space, with one word of text after the command and a name: a split on spaces.
    return want.charAt(got.length) === ' ' && got.split(' ').length === 3 ? 'split-on-spaces' : 'cut';
  }
  const collapse = (text: string): string => text.trim().replace(/[ \t]+/g, ' ');
  if (collapse(got) === collapse(want) && /[ \t]{2}|\t|^[ \t]|[ \t]$/.test(want)) return 'spaces-collapsed';
  if (got.toLowerCase() === want.toLowerCase()) return 'case-changed';
  if (replacedCharacters(want, got)) return 'split-character';
  return undefined;
}

const replacement = Buffer.from('\ufffd').toString('latin1');
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `got` is `want` with some of its non-ASCII bytes (never all its text) turned into U+FFFD. */
function replacedCharacters(want: string, got: string): boolean {
  if (!got.includes(replacement) || want.includes(replacement)) return false;
  const pattern = got
    .split(new RegExp(`(?:${replacement})+`))
    .map(escapeRegExp)
    .join('[\\x80-\\xff]+');
  return new RegExp(`^${pattern}$`).test(want);
}

function hintFor(alteration: Alteration, expected: Uint8Array, actual: Uint8Array): Phrasing {
  switch (alteration) {
    case 'cut': {
      const cut = `The line arrived cut after ${withoutEnding(actual).length} of its ${withoutEnding(expected).length} bytes: the server took one read's worth, or a fixed-size buffer, for the whole line.`;
      return {
        neutral: `${cut} Read until the LF, however many reads that takes, into a buffer that grows (lines may be 4096 bytes).`,
        python: `${cut} Append what recv() returns to the client's buffer and take lines only up to each LF, keeping the rest; never assume one recv() is one line.`,
        node: `${cut} A 'data' chunk is not a line: append chunks to the client's string and split off complete lines at each LF, keeping the rest for the next chunk.`,
        c: `${cut} Append what read() returns to a per-client buffer of at least 4097 bytes and handle each line up to its '\\n', moving the rest to the front.`,
        java: `${cut} Read lines with a BufferedReader's readLine() (or append to a per-client buffer up to each LF); one read() is not one line.`,
      };
    }
    case 'split-on-spaces': {
      const cut =
        'The text was cut at its first space: the server splits the line on spaces and keeps one word of it.';
      return {
        neutral: `${cut} Split off only the command word (and TELL's nickname), and keep the rest of the line, spaces and all, as the text.`,
        python: `${cut} line.split(" ") gives a word a part: take the command with line.split(" ", 1) (TELL: line.split(" ", 2)), and the text is the last part, whole.`,
        node: `${cut} line.split(' ') gives a word a part: take the command word up to indexOf(' ') (TELL: the nickname up to the next space), and keep the rest as sent.`,
        c: `${cut} strtok() stops at every space: find the first space with strchr() (TELL: the next one too), and keep the rest of the line as the text.`,
        java: `${cut} split(" ") gives a word a part: use split(" ", 2) (TELL: split(" ", 3)), and the text is the last part, whole.`,
      };
    }
    case 'cr-kept':
      return {
        neutral:
          'A CR was kept at the end of the text: a line may end in CRLF, and the CR is part of the line ending, not of the text. Strip the LF and a CR just before it.',
      };
    case 'trimmed':
      return {
        neutral:
          'Spaces at the start or end of the text were removed: strip only the line ending (the LF and a CR before it), never the spaces of the text.',
        python:
          "Spaces at the start or end of the text were removed: strip() takes them too. Remove only the line ending (line.removesuffix('\\n').removesuffix('\\r')).",
        node: "Spaces at the start or end of the text were removed: trim() takes them too. Remove only the line ending (line.replace(/\\r?\\n$/, '')).",
        java: 'Spaces at the start or end of the text were removed: trim() and strip() take them too. Remove only the line ending.',
      };
    case 'spaces-collapsed':
      return {
        neutral:
          'Spaces in the text were collapsed: split the command word off at the first space and keep the rest of the line exactly as sent.',
        python:
          "Spaces in the text were collapsed: split() with no argument splits on runs of spaces. Take the command with line.split(' ', 1) (or partition(' ')) and keep the rest of the line as sent.",
        node: "Spaces in the text were collapsed: split(/\\s+/) or split(' ') then join(' ') loses them. Take the command word up to indexOf(' ') and keep the rest of the line as sent.",
        c: 'Spaces in the text were collapsed: strtok() skips runs of separators. Find the first space with strchr() and keep the rest of the line as sent.',
        java: 'Spaces in the text were collapsed: split("\\\\s+") splits on runs of spaces. Use split(" ", 2), or indexOf(\' \'), and keep the rest of the line as sent.',
      };
    case 'split-character':
      return splitCharacter;
    case 'case-changed':
      return {
        neutral:
          'The text changed case: compare command words exactly as written, and pass the text on unchanged (no lower() or upper()).',
      };
  }
}

/** Text passed on changed: cut, trimmed, spaces collapsed, case changed, a CR kept. */
export const alteredText: Sign = ({ details, events }) => {
  const compared = details.compared;
  if (compared === undefined) return undefined;
  const alteration = alterationOf(compared.expected, compared.actual);
  if (alteration === undefined) return undefined;
  const sender = compared.sender;
  const senderLeft =
    sender !== undefined &&
    events.some((event) => event.conn === sender && (event.kind === 'close' || event.kind === 'reset'));
  if (alteration === 'cut' && senderLeft) return { cause: 'unfinished-line-relayed', hint: unfinishedLine };
  const cause = alteration === 'split-character' ? 'decoded-per-read' : `text-${alteration}`;
  return { cause, hint: hintFor(alteration, compared.expected, compared.actual) };
};
