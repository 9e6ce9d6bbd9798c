import type { JsonObject, JsonValue } from '@ordo/core';
import { ApiError } from './errors/api-error';

/** Size limits the API enforces before calling the engine. */
export interface ApiLimits {
  /** Largest flow definition text, in UTF-8 bytes. */
  readonly maxDefinitionBytes: number;
  /** Largest execution input, as serialised JSON, in UTF-8 bytes. */
  readonly maxInputBytes: number;
  /** Largest task report output, as serialised JSON, in UTF-8 bytes. */
  readonly maxOutputBytes: number;
}

/** Injection token of the ApiLimits. */
export const API_LIMITS = Symbol('API_LIMITS');

/** Defaults: 32 KiB payloads as SPEC Part B §12; definitions up to 256 KiB. */
export const DEFAULT_API_LIMITS: ApiLimits = {
  maxDefinitionBytes: 256 * 1024,
  maxInputBytes: 32 * 1024,
  maxOutputBytes: 32 * 1024,
};

/** Fails with `PAYLOAD_TOO_LARGE` when `text` is over `max` bytes; `what` names the argument. */
export function checkTextSize(text: string, max: number, what: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > max) throw new ApiError('PAYLOAD_TOO_LARGE', `${what} is ${bytes} bytes, over the limit of ${max} bytes.`);
}

/**
 * Checks that `value` is a JSON object (absent means `{}` when `optional`) no larger than `max`
 * bytes, and returns it. `what` names the argument in error messages.
 */
export function requireJsonObject(value: JsonValue | undefined, max: number, what: string, optional = false): JsonObject {
  if ((value === undefined || value === null) && optional) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new ApiError('INVALID_INPUT', `${what} must be a JSON object, got ${got}.`);
  }
  checkTextSize(JSON.stringify(value), max, what);
  return value;
}

/** Alibaba's bounds (SPEC Part B §10): error names 1–128 characters, causes up to 4,096. */
export function checkErrorAndCause(error: string | undefined, cause: string | undefined): void {
  if (error !== undefined && (error.length < 1 || error.length > 128)) {
    throw new ApiError('INVALID_ARGUMENT', `error must be 1 to 128 characters long, got ${error.length}.`);
  }
  if (cause !== undefined && cause.length > 4096) {
    throw new ApiError('INVALID_ARGUMENT', `cause must be at most 4096 characters long, got ${cause.length}.`);
  }
}
