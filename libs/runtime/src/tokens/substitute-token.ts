import { TASK_TOKEN_PLACEHOLDER, type JsonObject, type JsonValue } from '@ordo/core';

/**
 * Replaces every string equal to the core's token placeholder with the real token, at any depth.
 * Returns the same object when the placeholder does not occur (the common case allocates nothing);
 * `token` may be a function, called only when the placeholder occurs.
 */
export function substituteToken<T extends JsonObject | undefined>(value: T, token: string | (() => string)): T {
  if (value === undefined) return value;
  return replace(value, typeof token === 'string' ? () => token : token) as T;
}

function replace(value: JsonValue, token: () => string): JsonValue {
  if (value === TASK_TOKEN_PLACEHOLDER) return token();
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: JsonValue[] | undefined;
    value.forEach((item, i) => {
      const next = replace(item, token);
      if (next !== item) (out ??= value.slice())[i] = next;
    });
    return out ?? value;
  }
  let copy: JsonObject | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const next = replace(item, token);
    if (next !== item) (copy ??= { ...value })[key] = next;
  }
  return copy ?? value;
}
