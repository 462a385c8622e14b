/**
 * What is wrong with the rules of a protocol document: a MUST or MUST NOT that names no test and is
 * not marked "not checked", a test named that the suite does not have, a test of the suite no rule
 * names. A rule is a block (a paragraph, a list item, a quoted paragraph) that ends in
 * " — `suite.test`, `suite.other`" or " — not checked".
 */
export function ruleProblems(markdown: string, suiteIds: readonly string[]): string[] {
  const problems: string[] = [];
  const named = new Set<string>();
  for (const block of blocksOf(markdown)) {
    const reference = referenceOf(block.text);
    for (const id of reference ?? []) {
      named.add(id);
      if (!suiteIds.includes(id))
        problems.push(`line ${block.line}: names \`${id}\`, which the suite does not have`);
    }
    if (reference === undefined && saysMust(block.text)) {
      problems.push(
        `line ${block.line}: a MUST that names no test and is not marked "not checked": ${block.text}`,
      );
    }
  }
  for (const id of suiteIds) if (!named.has(id)) problems.push(`no rule names \`${id}\``);
  return problems;
}

interface Block {
  readonly text: string;
  /** Where the block starts, counted from 1. */
  readonly line: number;
}

const reference = /\s—\s(not checked|`[\w-]+\.[\w-]+`(?:,\s*`[\w-]+\.[\w-]+`)*)\s*$/;

/** The test ids a rule names (none when marked "not checked"), or undefined when it is no rule. */
function referenceOf(text: string): string[] | undefined {
  const match = reference.exec(text);
  if (match === null) return undefined;
  return [...(match[1] as string).matchAll(/`([^`]+)`/g)].map((id) => id[1] as string);
}

/** Whether a block states a requirement; the sentence that says how the key words are used does not. */
function saysMust(text: string): boolean {
  return /\bMUST\b/.test(text.replace(/`[^`]*`/g, '')) && !text.includes('RFC 2119');
}

/**
 * The blocks of a Markdown document, each on one line: paragraphs, list items, quoted paragraphs,
 * table rows and headings. Code blocks are left out.
 */
function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let inCode = false;
  const close = (): void => {
    if (current !== undefined) blocks.push(current);
    current = undefined;
  };
  for (const [index, raw] of markdown.split('\n').entries()) {
    if (raw.startsWith('```')) {
      close();
      inCode = !inCode;
      continue;
    }
    if (inCode) continue;
    const line = raw.replace(/^>\s?/, '').trim();
    if (line === '') {
      close();
      continue;
    }
    if (/^(- |\| |#)/.test(line)) close();
    current =
      current === undefined
        ? { text: line, line: index + 1 }
        : { ...current, text: `${current.text} ${line}` };
    if (/^(\| |#)/.test(line)) close();
  }
  close();
  return blocks;
}
