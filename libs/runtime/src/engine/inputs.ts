import { isJsonObject, type JsonObject } from '@ordo/core';
import { RuntimeError } from '../errors';
import { MAX_CAUSE_LENGTH } from '../runners/error-of';

const MAX_ERROR_LENGTH = 128;

/**
 * A JSON object from an API argument: an object, a JSON text of one, or undefined (→ `{}` when
 * `optional`). Anything else fails with `RUNTIME.INVALID_INPUT`/`RUNTIME.INVALID_OUTPUT` naming
 * the field; a value over `maxBytes` fails with `RUNTIME.PAYLOAD_TOO_LARGE`.
 */
export function jsonObjectArgument(value: unknown, field: 'input' | 'output', maxBytes: number, optional: boolean): JsonObject {
  const code = field === 'input' ? 'RUNTIME.INVALID_INPUT' : 'RUNTIME.INVALID_OUTPUT';
  let parsed = value;
  if (value === undefined && optional) return {};
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (e) {
      throw new RuntimeError(code, `The ${field} is not valid JSON: ${(e as Error).message}.`, { field });
    }
  }
  if (!isJsonObject(parsed)) {
    throw new RuntimeError(code, `The ${field} must be a JSON object, got ${describeType(parsed)}.`, { field });
  }
  const size = Buffer.byteLength(JSON.stringify(parsed), 'utf8');
  if (size > maxBytes) {
    throw new RuntimeError('RUNTIME.PAYLOAD_TOO_LARGE', `The ${field} is ${size} bytes, over the ${maxBytes}-byte limit.`, { field, size, maxBytes });
  }
  return parsed;
}

/** Checks a reported error name (1–128 characters) and cause (at most 4,096 characters). */
export function errorArguments(error: unknown, cause: unknown): { error: string; cause: string } {
  if (typeof error !== 'string' || error.length === 0 || error.length > MAX_ERROR_LENGTH) {
    throw new RuntimeError('RUNTIME.INVALID_ARGUMENT', `The error must be a string of 1-${MAX_ERROR_LENGTH} characters, got ${describeType(error)}.`, { field: 'error' });
  }
  if (cause !== undefined && cause !== null && (typeof cause !== 'string' || cause.length > MAX_CAUSE_LENGTH)) {
    throw new RuntimeError('RUNTIME.INVALID_ARGUMENT', `The cause must be a string of at most ${MAX_CAUSE_LENGTH} characters.`, { field: 'cause' });
  }
  return { error, cause: typeof cause === 'string' ? cause : '' };
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  return `a ${typeof value}`;
}
