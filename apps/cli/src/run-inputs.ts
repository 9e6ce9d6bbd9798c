import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { RunOnceOptions } from '@ordo/runtime';
import { CliError } from './exit-codes';

// A plain CommonJS file: a native `import()` that the TypeScript-to-CommonJS compilation leaves alone.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const importModule = require('./import-module.cjs') as (url: string) => Promise<unknown>;

type Handlers = NonNullable<RunOnceOptions['handlers']>;
type Mocks = NonNullable<RunOnceOptions['mocks']>;

/** Loads a CommonJS, ESM or TypeScript module exporting a map of handlers (default export or the module). */
export async function loadHandlers(modulePath: string): Promise<Handlers> {
  const abs = resolve(modulePath);
  if (!existsSync(abs)) throw new CliError(`--handlers: no module at ${abs}`);
  let mod: unknown;
  try {
    mod = /\.(c?js|c?ts)$/.test(abs) ? require(abs) : await importModule(pathToFileURL(abs).href);
  } catch (e) {
    throw new CliError(`--handlers: cannot load ${abs}: ${(e as Error).message}`);
  }
  const exported = unwrapDefault(mod);
  if (typeof exported !== 'object' || exported === null) throw new CliError(`--handlers: ${abs} must export an object of handlers`);
  for (const [key, fn] of Object.entries(exported)) {
    if (typeof fn !== 'function') throw new CliError(`--handlers: "${key}" in ${abs} is not a function`);
  }
  return exported as Handlers;
}

function unwrapDefault(mod: unknown): unknown {
  let current = mod;
  while (typeof current === 'object' && current !== null && 'default' in current && Object.keys(current).length <= 2) {
    const inner = (current as { default: unknown }).default;
    if (typeof inner !== 'object' || inner === null) break;
    current = inner;
  }
  return current;
}

/** Loads a mocks YAML file: `key: [{output: {...}} | {error: Name, cause: text}, ...]`. */
export function loadMocks(file: string): Mocks {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`--mocks: cannot read ${file}: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new CliError(`--mocks: ${file} must be a map of key -> list of responses`);
  for (const [key, list] of Object.entries(doc)) {
    if (!Array.isArray(list) || list.length === 0) throw new CliError(`--mocks: "${key}" in ${file} must be a non-empty list of responses`);
    list.forEach((r, i) => checkMockResponse(r, `${file}: ${key}[${i}]`));
  }
  return doc as Mocks;
}

function checkMockResponse(r: unknown, where: string): void {
  const ok = typeof r === 'object' && r !== null && (('output' in r) !== ('error' in r));
  if (!ok) throw new CliError(`--mocks: ${where} must have exactly one of "output" or "error"`);
}

/** Child flow texts for `acs:fnf:::flow/NAME`: explicit `NAME=file` pairs, else `NAME.yaml` beside the flow. */
export function loadChildFlows(flowFile: string, pairs: string[]): RunOnceOptions['childFlows'] {
  const explicit = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--child expects NAME=file.yaml, got "${pair}"`);
    explicit.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const dir = dirname(resolve(flowFile));
  return (name: string) => {
    const candidates = explicit.has(name) ? [explicit.get(name)!] : [join(dir, `${name}.yaml`), join(dir, `${name}.yml`)];
    const file = candidates.find((f) => existsSync(f));
    return file === undefined ? undefined : readFileSync(file, 'utf8');
  };
}
