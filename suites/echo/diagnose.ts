import { isFinding, type Finding } from '../../harness/checkers/finding.js';

/**
 * Recognises the usual causes of a wrong echo from what arrived and what was expected,
 * and says them in the student's terms.
 */
function diagnoseEcho(finding: Finding, expected: Uint8Array, firstWriteSize?: number): string | undefined {
  const diff = finding.details.diff;
  const kind = finding.details.kind;
  const arrived = finding.details.received ?? 0;
  if (
    (kind === 'timeout' || kind === 'eof') &&
    finding.details.received !== undefined &&
    expected[arrived] === 0x00
  ) {
    return 'The echo stops right before a NUL byte: the server treats the data as a C string (strlen, printf %s, strcpy). Use the byte count that recv() returned, never strlen().';
  }
  if (kind === 'mismatch' && diff?.actualByte === 0xef && diff.expectedByte !== 0xef) {
    return 'The server replaced bytes with U+FFFD (EF BF BD): it decodes the data as text. Echo the raw bytes; do not decode and re-encode them.';
  }
  if (
    (kind === 'eof' || kind === 'timeout') &&
    firstWriteSize !== undefined &&
    arrived > 0 &&
    arrived <= firstWriteSize
  ) {
    return 'Only the start of the data came back: the server echoes what one recv() returned and then stops. Loop: keep calling recv() and sending until it returns 0 (the client closed).';
  }
  if (kind === 'eof' && arrived > 0) {
    return 'Part of the data came back, then the server closed the connection. Check that every byte received is sent back (sendall, or loop on send() until all is written) before closing.';
  }
  return undefined;
}

/** Runs a read and, if it fails, adds the diagnosis to the finding. */
export async function withDiagnosis(
  read: Promise<void>,
  expected: Uint8Array,
  firstWriteSize?: number,
): Promise<void> {
  try {
    await read;
  } catch (error) {
    if (!isFinding(error)) throw error;
    const hint = error.details.hint ?? diagnoseEcho(error, expected, firstWriteSize);
    throw hint === undefined ? error : error.with({ hint });
  }
}
