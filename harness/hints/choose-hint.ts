import type { FailureEvidence } from './failure-evidence.js';
import { phrase, type Hint } from './phrasing.js';
import type { ServerLanguage } from './server-language.js';
import type { Sign } from './sign.js';
import { alteredText } from './signs/altered-text.js';
import { busyNotAccepting } from './signs/busy-not-accepting.js';
import { answeredElsewhere } from './signs/answered-elsewhere.js';
import { decodeErrorShown } from './signs/decode-error.js';
import { decodedText } from './signs/decoded-text.js';
import { closedAfterHalfClose, closedEarly } from './signs/early-close.js';
import { crKept } from './signs/cr-kept.js';
import { crashException } from './signs/crash-exception.js';
import { crashSignal } from './signs/crash-signal.js';
import { endedWithCode } from './signs/ended-with-code.js';
import { firstReadOnly } from './signs/first-read-only.js';
import { greeting } from './signs/greeting.js';
import { heldBackOutput } from './signs/held-back-output.js';
import { lineBuffered } from './signs/line-buffered.js';
import { lineFromBefore } from './signs/line-from-before.js';
import { lostBytes } from './signs/lost-bytes.js';
import { neverAccepted } from './signs/never-accepted.js';
import { neverClosed } from './signs/never-closed.js';
import { nulCut } from './signs/nul-cut.js';
import { oneClientAtATime } from './signs/one-client-at-a-time.js';
import { otherClientBytes } from './signs/other-client-bytes.js';
import { resetByServer } from './signs/reset-by-server.js';
import { stallAfterPause } from './signs/stall-after-pause.js';
import { strippedWhitespace } from './signs/stripped-whitespace.js';
import { unfinishedLineRelayed } from './signs/unfinished-line.js';

/** Signs surer than any checker's own reading of the failure: how the server ended, what it sent unasked. */
const firstSigns: readonly Sign[] = [
  crashSignal,
  decodeErrorShown,
  crashException,
  lineFromBefore,
  greeting,
  otherClientBytes,
  strippedWhitespace,
  lostBytes,
  alteredText,
  unfinishedLineRelayed,
  crKept,
  decodedText,
  nulCut,
  lineBuffered,
];
/** Signs read from how a connection ended, after the checker's own reading. */
const laterSigns: readonly Sign[] = [
  endedWithCode,
  busyNotAccepting,
  neverAccepted,
  answeredElsewhere,
  heldBackOutput,
  closedAfterHalfClose,
  stallAfterPause,
  firstReadOnly,
  closedEarly,
  resetByServer,
  neverClosed,
  oneClientAtATime,
];

export interface ChosenHint {
  /** The cause the hint is about, or undefined for the test's own hint. */
  readonly cause: string | undefined;
  readonly text: string;
}

/**
 * The hint for a failed run: from what the failure shows first, then from the checker that saw it,
 * and only then the test's own, each in the words of the server's language.
 */
export function chooseHint(
  evidence: FailureEvidence,
  testHint: Hint | undefined,
  language: ServerLanguage,
): ChosenHint | undefined {
  const diagnose = (signs: readonly Sign[]): ChosenHint | undefined => {
    for (const sign of signs) {
      const found = sign(evidence);
      if (found !== undefined) return { cause: found.cause, text: phrase(found.hint, language) };
    }
    return undefined;
  };
  const own = evidence.details.hint;
  return (
    diagnose(firstSigns) ??
    (own === undefined
      ? undefined
      : { cause: evidence.details.cause ?? 'finding', text: phrase(own, language) }) ??
    diagnose(laterSigns) ??
    (testHint === undefined ? undefined : { cause: undefined, text: phrase(testHint, language) })
  );
}
