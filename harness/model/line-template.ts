import fc from 'fast-check';
import { SuiteError } from '../api/define-suite.js';

const hole = /\{([A-Za-z_][\w-]*)\}/g;

/**
 * Lines made from a template: each `{name}` in it is filled by the arbitrary `holes[name]` gives, the
 * rest kept as written. `lineTemplate('SET {key} {value}', { key, value })`.
 */
export function lineTemplate(
  template: string,
  holes: Readonly<Record<string, fc.Arbitrary<string>>>,
): fc.Arbitrary<string> {
  const names = [...template.matchAll(hole)].map((match) => match[1] as string);
  const missing = names.find((name) => holes[name] === undefined);
  if (missing !== undefined)
    throw new SuiteError(`the template \`${template}\` has {${missing}}, and no arbitrary fills it`);
  const pieces = template.split(hole).filter((_, index) => index % 2 === 0);
  return fc
    .tuple(...names.map((name) => holes[name] as fc.Arbitrary<string>))
    .map((values) => pieces.reduce((line, piece, index) => line + piece + (values[index] ?? ''), ''));
}
