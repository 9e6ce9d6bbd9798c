import type { JsonValue } from '@ordo/core';

/** Freezes a constant and everything inside it, so no caller can change a value shared by every execution. */
export function deepFreeze<T extends JsonValue>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner as JsonValue);
  }
  return value;
}
