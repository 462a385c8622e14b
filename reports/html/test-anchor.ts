/**
 * The fragment a test's failure has in its HTML report: `test-` and the id, every character other
 * than a letter, digit, `.` or `-` written as `_` and its code, so the class page can link to it.
 */
export function testAnchor(id: string): string {
  return `test-${id.replace(/[^A-Za-z0-9.-]/gu, (character) => `_${character.codePointAt(0)?.toString(16) ?? ''}_`)}`;
}
