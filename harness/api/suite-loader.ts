import { register } from 'node:module';

/**
 * Resolves the bare specifier `conform` to the public suite API of the conform that is running, and
 * leaves every other specifier to the loaders before it: a suite needs no copy of conform of its
 * own, and its findings are the running conform's own classes.
 */
const conformSpecifier = `
let api;
export function initialize(data) { api = data.api; }
export async function resolve(specifier, context, next) {
  if (specifier === 'conform') return { url: api, shortCircuit: true };
  const found = await next(specifier, context);
  return /\\.ts$/.test(found.url) && !found.url.includes('/node_modules/') ? { ...found, format: 'module' } : found;
}`;

let ready: Promise<void> | undefined;

/**
 * Makes `import()` take TypeScript files, and `conform` mean this conform; once per process. tsx is
 * loaded only here, when a suite file is: a run of conform's own suites does not pay for it.
 */
export function prepareSuiteLoader(): Promise<void> {
  ready ??= registerLoaders();
  return ready;
}

async function registerLoaders(): Promise<void> {
  const { register: registerTypeScript } = await import('tsx/esm/api');
  registerTypeScript({ tsconfig: false });
  register(`data:text/javascript,${encodeURIComponent(conformSpecifier)}`, {
    data: { api: new URL('./conform.js', import.meta.url).href },
  });
}
