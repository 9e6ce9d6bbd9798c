import type { JsonValue } from '../json';

/** Bytes of `text` encoded as UTF-8 (a lone surrogate counts 3 bytes, like its replacement). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { bytes += 4; i++; }
    else bytes += 3;
  }
  return bytes;
}

/** Most UTF-8 bytes one UTF-16 unit can take in JSON text (a control character as `\u00XX`). */
const MAX_BYTES_PER_UNIT = 6;
const MAX_NUMBER_CHARS = 24;

/**
 * An upper bound of the serialized UTF-8 size of `value`, walking no further than needed to
 * exceed `budget` (then it returns a number above the budget).
 */
function sizeBound(value: JsonValue, budget: number): number {
  if (value === null || typeof value === 'boolean') return 5;
  if (typeof value === 'number') return MAX_NUMBER_CHARS;
  if (typeof value === 'string') return value.length * MAX_BYTES_PER_UNIT + 2;
  let size = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && size <= budget; i++) size += sizeBound(value[i], budget - size) + 1;
    return size;
  }
  for (const key in value) {
    size += key.length * MAX_BYTES_PER_UNIT + 4 + sizeBound(value[key], budget - size);
    if (size > budget) return size;
  }
  return size;
}

/**
 * Serialized UTF-8 size of the values together, or -1 when it is within `limit`. Cheap for the
 * common small payload: an upper bound decides; the exact size is computed only near the limit.
 */
export function payloadBytesOver(limit: number, ...values: JsonValue[]): number {
  let bound = 0;
  for (let i = 0; i < values.length && bound <= limit; i++) bound += sizeBound(values[i], limit - bound);
  if (bound <= limit) return -1;
  let bytes = 0;
  for (const v of values) bytes += utf8Length(JSON.stringify(v) ?? '');
  return bytes > limit ? bytes : -1;
}
