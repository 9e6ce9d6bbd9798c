import { readFileSync } from 'node:fs';
import { CliError } from './exit-codes';

/** Parses `'<json>'` or `@file.json` into a JSON object, naming the flag on error. */
export function parseJsonObjectArg(arg: string, flag: string): Record<string, unknown> {
  const value = parseJsonArg(arg, flag);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(`${flag} must be a JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Parses `'<json>'` or `@file.json` into any JSON value. */
export function parseJsonArg(arg: string, flag: string): unknown {
  let text = arg;
  if (arg.startsWith('@')) {
    try {
      text = readFileSync(arg.slice(1), 'utf8');
    } catch (e) {
      throw new CliError(`${flag}: cannot read ${arg.slice(1)}: ${(e as Error).message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${flag} is not valid JSON: ${(e as Error).message}`);
  }
}
