import type { JsonValue } from '@ordo/core';

/**
 * Truthiness of a condition value (SPEC Part A §16): `true`, a non-empty string, a non-zero number,
 * any object or array are true; `null` (also a missing path), `false`, `0` and `""` are false.
 */
export function isTruthy(value: JsonValue): boolean {
  if (value === null || value === false) return false;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return true;
}

/** `==`: same JSON type and value; objects and arrays compare deeply; `1 == "1"` is false. */
export function jsonEquals(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return arraysEqual(a, b as JsonValue[]);
  return objectsEqual(a as Record<string, JsonValue>, b as Record<string, JsonValue>);
}

function arraysEqual(a: JsonValue[], b: JsonValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!jsonEquals(a[i], b[i])) return false;
  return true;
}

function objectsEqual(a: Record<string, JsonValue>, b: Record<string, JsonValue>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key) || !jsonEquals(a[key], b[key])) return false;
  }
  return true;
}

export type OrderingOperator = '<' | '<=' | '>' | '>=';

/** Ordering compares two numbers or two strings (by UTF-16 code units); any other pair is false. */
export function compareOrdered(op: OrderingOperator, a: JsonValue, b: JsonValue): boolean {
  const comparable = (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  if (!comparable) return false;
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}
