import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RuntimeError } from '../errors';
import type { TaskHandler } from './local-task-runner';

/**
 * Loads a handlers module (the CLI contract): a CommonJS, ESM or TypeScript module whose export (or
 * default export) is an object mapping a key to `async (input, ctx) => output`.
 */
export async function loadHandlersModule(modulePath: string): Promise<Record<string, TaskHandler>> {
  const file = resolve(modulePath);
  if (!existsSync(file)) throw new RuntimeError('RUNTIME.INVALID_CONFIG', `No handlers module exists at ${file}.`, { file });
  let loaded: unknown;
  try {
    loaded = /\.(c?js|ts)$/.test(file) ? require(file) : await import(pathToFileURL(file).href);
  } catch (e) {
    throw new RuntimeError('RUNTIME.INVALID_CONFIG', `The handlers module ${file} failed to load: ${(e as Error).message}.`, { file }, false, { cause: e });
  }
  const handlers = unwrapDefault(loaded);
  if (typeof handlers !== 'object' || handlers === null) {
    throw new RuntimeError('RUNTIME.INVALID_CONFIG', `The handlers module ${file} must export an object of handlers.`, { file });
  }
  for (const [key, fn] of Object.entries(handlers)) {
    if (typeof fn !== 'function') throw new RuntimeError('RUNTIME.INVALID_CONFIG', `Handler "${key}" in ${file} is not a function.`, { file, key });
  }
  return handlers as Record<string, TaskHandler>;
}

function unwrapDefault(loaded: unknown): unknown {
  let current = loaded;
  while (typeof current === 'object' && current !== null && 'default' in current && Object.keys(current).length <= 2) {
    const inner = (current as { default: unknown }).default;
    if (typeof inner !== 'object' || inner === null) break;
    current = inner;
  }
  return current;
}
