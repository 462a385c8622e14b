/**
 * conform's public suite API: everything a suite author may use, and all that the built-in echo,
 * broadcast and chat suites use. What this module does not export is internal and may change.
 *
 * @packageDocumentation
 */

export { defineSuite, defineTest, SuiteError } from './define-suite.js';
export type { ConformanceTest, Suite, ServerPolicy } from '../runner/suite.js';
export type { TestContext, PropertyOptions } from '../runner/test-context.js';
export type { TestSettings } from '../runner/test-settings.js';
export type { RunContext } from '../runner/run-scope.js';
export type { RunKnowledge } from '../runner/run-knowledge.js';
export type { Connection, ConnectionState } from '../driver/connection.js';
export type { EventLog } from '../driver/event-log.js';
export type { RunningServer } from '../supervisor/start-server.js';
export { Finding, isFinding } from '../checkers/finding.js';
export type { FailureKind, FindingDetails } from '../checkers/finding.js';
export { underRule } from '../checkers/under-rule.js';
export { formatBytes } from '../checkers/format-bytes.js';
export { diffBytes } from '../checkers/byte-diff.js';
export type { ByteDiff } from '../checkers/byte-diff.js';
export { alterationOf } from '../hints/signs/altered-text.js';
export type { Hint, Phrasing } from '../hints/phrasing.js';
export { default as fc } from 'fast-check';
export { lineModelTest } from '../model/line-model-test.js';
export type { LineModelTestOptions } from '../model/line-model-test.js';
export type { LineEvent, LineModel, LineStep } from '../model/line-model.js';
export { lineOracleTest } from '../model/line-oracle-test.js';
export type { LineOracleTestOptions } from '../model/line-oracle-test.js';
export type { LineRunTestOptions } from '../model/line-run-test.js';
export type { BarrierReply } from '../model/oracle-referee.js';
export { lineTemplate } from '../model/line-template.js';
export {
  characterStarts,
  cutAt,
  everyCharacterLength,
  insideCharacters,
  splitInsideCharacters,
  utf8Text,
} from '../generators/utf8-text.js';
