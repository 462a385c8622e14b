/** Where a text first stops being JSON, and what to write there instead. */
export interface JsonSyntaxProblem {
  /** 1-based, as editors count. */
  readonly line: number;
  readonly column: number;
  /** What is wrong there, and the fix: `a comma is missing before this key: end the line above with ,`. */
  readonly problem: string;
}

/** Thrown from deep in the reading, where the text goes wrong; caught at the top. */
class Stop extends Error {
  constructor(
    readonly at: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const word = /[\w.+-]+/y;

/**
 * Reads a text the way JSON.parse does and finds where it first goes wrong: JSON.parse's own
 * messages name no line, and many no position. Undefined for a text that is JSON.
 */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let at = 0;
  const space = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at += 1;
  };
  const unexpected = (wanted: string): Stop => {
    const found = text.charAt(at);
    if (at >= text.length)
      return new Stop(at, `the file ends where ${wanted} should be: something is cut off`);
    if (found === '/') return new Stop(at, 'JSON has no comments: remove this one');
    if (found === "'") return new Stop(at, 'JSON strings take double quotes: write "text", not \'text\'');
    return new Stop(at, `expected ${wanted}, found ${JSON.stringify(found)}`);
  };
  const string = (): void => {
    const opened = at;
    at += 1;
    for (;;) {
      const char = text.charAt(at);
      if (at >= text.length) throw new Stop(opened, 'this string is never closed: add the closing "');
      if (char === '"') break;
      if (char === '\n' || char === '\r') {
        throw new Stop(at, 'a string cannot run onto the next line: close it with " or write \\n');
      }
      if (char < ' ')
        throw new Stop(at, 'a tab or control character inside a string: write it as \\t or \\u00XX');
      if (char === '\\') {
        const escaped = text.charAt(at + 1);
        if (
          escaped === 'u'
            ? !/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))
            : !'"\\/bfnrt'.includes(escaped)
        ) {
          throw new Stop(
            at,
            `\\${escaped} is not an escape JSON knows: write \\\\ for a backslash (C:\\\\dir)`,
          );
        }
        at += escaped === 'u' ? 6 : 2;
      } else at += 1;
    }
    at += 1;
  };
  const members = (close: '}' | ']', entry: () => void, starts: (char: string) => boolean): void => {
    const opened = at;
    at += 1;
    space();
    if (text.charAt(at) === close) {
      at += 1;
      return;
    }
    for (;;) {
      entry();
      space();
      const char = text.charAt(at);
      if (char === close) {
        at += 1;
        return;
      }
      if (char === ',') {
        const comma = at;
        at += 1;
        space();
        if (text.charAt(at) === close)
          throw new Stop(comma, `JSON allows no comma before ${close}: remove it`);
        continue;
      }
      if (at >= text.length) {
        const { line } = place(text, opened);
        throw new Stop(
          at,
          `the file ends before the ${close} that closes the ${close === '}' ? '{' : '['} of line ${line}: add it`,
        );
      }
      if (starts(char)) {
        const what = close === '}' ? 'key' : 'value';
        throw new Stop(at, `a comma is missing before this ${what}: add , after the one before it`);
      }
      throw unexpected(`, or ${close}`);
    }
  };
  const value = (): void => {
    space();
    const char = text.charAt(at);
    if (char === '{') {
      members(
        '}',
        () => {
          space();
          if (text.charAt(at) !== '"') {
            if (/[A-Za-z_$]/.test(text.charAt(at))) {
              throw new Stop(at, 'keys take double quotes: write "key": value');
            }
            throw unexpected('a key in double quotes');
          }
          string();
          space();
          if (text.charAt(at) !== ':') throw unexpected(': after the key');
          at += 1;
          value();
        },
        (next) => next === '"',
      );
    } else if (char === '[') members(']', value, (next) => '"{[-0123456789tfn'.includes(next));
    else if (char === '"') string();
    else if (char === '-' || (char >= '0' && char <= '9')) {
      number.lastIndex = at;
      word.lastIndex = at;
      const token = word.exec(text)?.[0] ?? char;
      if (number.exec(text)?.[0] !== token) {
        throw new Stop(at, `${token} is not a JSON number: write digits with no leading 0, like 2000 or 0.5`);
      }
      at += token.length;
    } else if (/[A-Za-z]/.test(char)) {
      word.lastIndex = at;
      const token = word.exec(text)?.[0] ?? char;
      if (!['true', 'false', 'null'].includes(token)) {
        throw new Stop(
          at,
          `${token} is not a JSON value: text takes double quotes ("${token}"); true, false and null are lower case`,
        );
      }
      at += token.length;
    } else throw unexpected('a value');
  };
  if (text.trim() === '')
    return { line: 1, column: 1, problem: 'the file is empty: write the config, such as {"suite": "echo"}' };
  try {
    value();
    space();
    if (at < text.length)
      throw new Stop(at, 'more after the end of the config: remove it, or the } before it');
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...place(text, error.at), problem: error.problem };
  }
}

function place(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at).split(/\r\n|\r|\n/);
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
