import { describe, expect, it } from 'vitest';
import type { Phrasing } from '../../harness/hints/phrasing.js';
import type { LanguageName } from '../../harness/hints/server-language.js';
import type { ConformanceTest } from '../../harness/runner/suite.js';
import { suites } from '../../suites/index.js';

/** Tests whose advice is the same in every language: the protocol's rules, not how a socket is used. */
const languageIndependent = new Set([
  'broadcast.no-self',
  'broadcast.model',
  'chat.register',
  'chat.nick',
  'chat.not-registered',
  'chat.errors',
  'chat.model',
]);

/** The language of each variant a phrasing may have. */
const variants = {
  python: 'python',
  pythonEvents: 'python',
  node: 'node',
  c: 'c',
  cEvents: 'c',
  java: 'java',
  javaEvents: 'java',
} as const satisfies Record<Exclude<keyof Phrasing, 'neutral'>, LanguageName>;

/** Names of one language's API that no other language's advice uses. */
const onlyIn: Record<LanguageName, RegExp> = {
  python:
    /\brecv\(|\bsendall\(|b''|\bthreading\b|ConnectionResetError|BrokenPipeError|BlockingIOError|\bselectors\b|\basyncio\b|EVENT_(?:READ|WRITE)|\bsettimeout\(|\bpartition\(|\bmakefile\(|\bsorted\(/,
  node: /'(?:data|end|error|close|drain|connection)'|\ballowHalfOpen\b|\bdestroy\(|\bsocket\.on\(|\bnet\.createServer\(|\bserver\.listen\(|\bserver\.maxConnections\b|\bsetEncoding\(|\blocaleCompare\b/,
  c: /\bPOLL(?:IN|OUT)\b|\bpoll\(|\bMSG_NOSIGNAL\b|\bSIG_IGN\b|\bstr(?:len|chr|cmp|casecmp|tok)\(|\bqsort\(|\bO_NONBLOCK\b|\bpthread_\w+|\bfds?\b|\bSO_SNDTIMEO\b/,
  java: /\bIOException\b|\bSocketException\b|\bInputStream\b|\bOutputStream\b|\bBufferedReader\b|\bServerSocket\b|\bSelector\b|\bSelectionKey\b|\bOP_(?:READ|WRITE|ACCEPT)\b|\bSocketChannel\b|\bByteBuffers?\b|\breadLine\(|\bExecutorService\b|\bRunnable\b|\bsynchronized\b|\bConcurrentHashMap\b|\bCollections\.sort\b|\bsubstring\(|\bBlockingQueue\b|\btry-with-resources\b|\bconfigureBlocking\(|\bbyte\[\]/,
};

/** Terms of each language, its own or shared with another: a variant names at least one of its own. */
const termsOf: Record<LanguageName, RegExp> = {
  python: new RegExp(
    `${onlyIn.python.source}|\\bOSError\\b|\\bsend\\(\\)|\\bsocket\\.socket\\b|\\bstrip\\(\\)`,
  ),
  node: new RegExp(
    `${onlyIn.node.source}|\\bwrite\\(\\)|\\bend\\(\\)|\\bpause\\(\\)|\\bBuffer\\b|\\bsort\\(\\)|\\bslice\\(|\\bindexOf\\(`,
  ),
  c: new RegExp(
    `${onlyIn.c.source}|\\bread\\(\\)|\\bwrite\\(|\\bclose\\(\\)|\\bEAGAIN\\b|\\bECONNRESET\\b|\\bSIGPIPE\\b`,
  ),
  java: new RegExp(
    `${onlyIn.java.source}|returns? -1|\\bflush\\(\\)|\\bThread\\b|\\bSocket\\b|\\bindexOf\\(`,
  ),
};

/** What no language-neutral hint may say: calls, error and constant names, event names, languages. */
const languageApi: readonly RegExp[] = [
  /\b[A-Za-z_][\w.]*\(/,
  /\b(?:recv|sendall|strlen|printf|fflush|threading|asyncio|selectors|select|poll|epoll|fork|pthread\w*|stdio)\b/,
  /\b(?:Thread|Socket|Buffer|Selector|InputStream|OutputStream|allowHalfOpen)\b/,
  /\w+(?:Error|Exception)\b/,
  /\bE[A-Z]{3,}\b/,
  /\bSIG[A-Z]+\b/,
  /\b[A-Z]+_[A-Z_]+\b/,
  /\bPOLL[A-Z]+\b/,
  /\bb'|\bb"/,
  /'(?:data|end|error|close|drain|connection|readable)'/,
  /\bfds?\b/,
  /\b(?:Python|Node(?:\.js)?|Java(?:Script)?)\b/,
];

/** An event-loop variant speaks of the loop: readiness, a queue, the selector or poll set. */
const eventLoopTerms =
  /\bloop\b|\bwritable\b|\breadable\b|\bqueue\b|\bselector\b|\bSelector\b|\bpoll\(|POLL(?:IN|OUT)|OP_WRITE|EVENT_WRITE/;

/** The names of what a text says that a hint for `language` must not. */
function foreignTerms(text: string, language: LanguageName): string[] {
  return (Object.keys(onlyIn) as LanguageName[])
    .filter((other) => other !== language)
    .flatMap((other) => text.match(onlyIn[other])?.[0] ?? []);
}

function languageApiIn(text: string): string[] {
  return languageApi.flatMap((pattern) => text.match(pattern)?.[0] ?? []);
}

/** Sentences end in a full stop, a question or an exclamation mark before a space or the end. */
function sentences(text: string): number {
  return text.match(/[.!?](?=\s|$)/g)?.length ?? 0;
}

const allTests: readonly ConformanceTest[] = [...suites.values()].flatMap((suite) => suite.tests);

describe('the vocabulary the hint checks use', () => {
  it('finds the API names of one language in a neutral text', () => {
    expect(languageApiIn('recv() returns whatever bytes have arrived, not a line.')).not.toEqual([]);
    expect(languageApiIn("A socket that emits 'error' with no listener throws.")).not.toEqual([]);
    expect(languageApiIn('catch BrokenPipeError and ignore SIGPIPE')).not.toEqual([]);
    expect(languageApiIn('A read returns whatever bytes have arrived, not a line.')).toEqual([]);
  });

  it("finds another language's terms in a variant, and none of its own", () => {
    expect(foreignTerms("Keep calling recv() until it returns b''.", 'node')).toEqual(['recv(']);
    expect(foreignTerms("Keep calling recv() until it returns b''.", 'python')).toEqual([]);
    expect(foreignTerms('close() the fd once read() returns 0.', 'java')).toEqual(['fd']);
    expect(termsOf.java.test('Catch IOException in the client thread.')).toBe(true);
    expect(termsOf.c.test('Loop until everything is sent.')).toBe(false);
  });
});

describe.each(allTests.map((test) => [test.id, test] as const))('the hint of %s', (id, test) => {
  const hint = test.hint;

  it('is a phrasing, not one text for every language', () => {
    expect(typeof hint, id).toBe('object');
  });

  const phrasing = typeof hint === 'object' ? hint : undefined;
  const languageVariants = Object.entries(phrasing ?? {}).filter(
    (entry): entry is [keyof typeof variants, string] => entry[0] !== 'neutral',
  );

  it('says its neutral text in protocol and TCP terms, naming no language API', () => {
    expect(phrasing?.neutral.length ?? 0, id).toBeGreaterThan(20);
    expect(languageApiIn(phrasing?.neutral ?? ''), id).toEqual([]);
  });

  it(
    languageIndependent.has(id)
      ? 'has only the neutral text: its advice does not depend on the language'
      : 'has a variant for python, node, c and java',
    () => {
      const names = languageVariants.map(([name]) => name);
      if (languageIndependent.has(id)) expect(names, id).toEqual([]);
      else expect(names, id).toEqual(expect.arrayContaining(['python', 'node', 'c', 'java']));
    },
  );

  it("says each variant in its own language's terms, and in no other's", () => {
    for (const [name, text] of languageVariants) {
      const language = variants[name];
      expect(termsOf[language].test(text), `${id} ${name}: ${text}`).toBe(true);
      expect(foreignTerms(text, language), `${id} ${name}`).toEqual([]);
    }
  });

  it('speaks of the event loop in its event-loop variants', () => {
    for (const [name, text] of languageVariants.filter(([each]) => each.endsWith('Events'))) {
      expect(text, `${id} ${name}`).toMatch(eventLoopTerms);
    }
  });

  it('says each text in one or two sentences', () => {
    const texts =
      phrasing === undefined ? [] : [phrasing.neutral, ...languageVariants.map(([, text]) => text)];
    for (const text of texts) {
      expect(sentences(text), `${id}: ${text}`).toBeGreaterThanOrEqual(1);
      expect(sentences(text), `${id}: ${text}`).toBeLessThanOrEqual(2);
    }
  });
});
