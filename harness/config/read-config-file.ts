import AjvModule, { type ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { closest, suggestion } from './closest.js';
import schema from './config.schema.json' with { type: 'json' };
import { ConfigError } from './config-error.js';
import type { CourseConfig, LoadedCourseConfig } from './course-config.js';
import { jsonSyntaxProblem } from './json-syntax-problem.js';

const ajv = new AjvModule.default({ allErrors: false, strict: true });
const validate = ajv.compile<CourseConfig>(schema);
const keys = Object.keys(schema.properties);

/** `points["echo.x"]`, `timeout`: where in the file a value is, as a person would look for it. */
function place(instancePath: string): string {
  const [key = '', ...rest] = instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return rest.reduce((text, part) => `${text}[${JSON.stringify(part)}]`, key);
}

function describe(error: ErrorObject, data: unknown, where: string): string {
  const key = place(error.instancePath);
  const value = JSON.stringify(
    error.instancePath
      .split('/')
      .slice(1)
      .reduce<unknown>(
        (node, part) => (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')],
        data,
      ),
  );
  if (error.keyword === 'additionalProperties') {
    const unknown = String((error.params as { additionalProperty: string }).additionalProperty);
    return `unknown key \`${unknown}\` in ${where}: ${suggestion(unknown, keys)}`;
  }
  if (key === 'start') {
    return `\`start\` in ${where} must be the server's file name, {"firstOf": [file names]}, or a command as an array of strings, got ${value}`;
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: string[] }).allowedValues;
    const near = typeof value === 'string' ? closest(JSON.parse(value) as string, allowed) : undefined;
    return `\`${key}\` in ${where} must be one of ${allowed.join(', ')}, got ${value}${near === undefined ? '' : `: did you mean \`${near}\`?`}`;
  }
  if (error.keyword === 'type')
    return `\`${key}\` in ${where} must be ${article(String(error.params.type))}, got ${value}`;
  if (error.keyword === 'minimum' || error.keyword === 'maximum') {
    const bound = (error.params as { limit: number }).limit;
    return `\`${key}\` in ${where} must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${bound}, got ${value}`;
  }
  if (error.keyword === 'pattern') {
    const name: unknown = error.propertyName ?? JSON.parse(value ?? '""');
    return `\`${key}\` in ${where} must name variables (letters, digits and _, not first a digit), got ${JSON.stringify(name)}`;
  }
  if (error.keyword === 'minItems') return `\`${key}\` in ${where} must not be empty`;
  if (error.keyword === 'minLength') return `\`${key}\` in ${where} must not be an empty string`;
  return `\`${key}\` in ${where} ${error.message ?? 'is not valid'}, got ${value}`;
}

function article(type: string): string {
  return type === 'object'
    ? 'an object'
    : type === 'array'
      ? 'an array'
      : type === 'integer'
        ? 'a whole number'
        : `a ${type}`;
}

/** Reads and checks a conform.config.json; any problem is a one-line ConfigError naming the key and the fix. */
export function readConfigFile(file: string, cwd: string): LoadedCourseConfig {
  const where = relative(cwd, file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT'
        ? `no such config file: ${where} (check --config)`
        : `cannot read the config file ${where}: ${(error as Error).message}`,
    );
  }
  // An editor may begin the file with a byte order mark, which JSON.parse refuses.
  const json = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const found = jsonSyntaxProblem(json);
    throw new ConfigError(
      found === undefined
        ? `${where} is not valid JSON: ${(error as Error).message}`
        : `${where}:${found.line}:${found.column}: not valid JSON: ${found.problem}`,
      { cause: error },
    );
  }
  if (!validate(data)) {
    const [error] = validate.errors ?? [];
    throw new ConfigError(
      error === undefined ? `${where} is not a valid config` : describe(error, data, where),
    );
  }
  return { file, name: where, config: data };
}
