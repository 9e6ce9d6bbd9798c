/**
 * Copy-on-write helpers over plain records: they copy only the record they change, with a
 * for-in loop (object spread is far slower on the hot path).
 */

/** A copy of `map` with `key` set to `value`. */
export function put<T>(map: Readonly<Record<string, T>>, key: string, value: T): Record<string, T> {
  const copy: Record<string, T> = {};
  for (const k in map) copy[k] = map[k];
  copy[key] = value;
  return copy;
}

/** A copy of `map` without `key` (the same object when the key is absent). */
export function drop<T>(map: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  if (!(key in map)) return map;
  const copy: Record<string, T> = {};
  for (const k in map) if (k !== key) copy[k] = map[k];
  return copy;
}

/** A copy of `map` without the keys that `remove` selects (the same object when none is removed). */
export function dropWhere<T>(
  map: Readonly<Record<string, T>>, remove: (key: string, value: T) => boolean,
): Readonly<Record<string, T>> {
  let removed = false;
  for (const k in map) if (remove(k, map[k])) { removed = true; break; }
  if (!removed) return map;
  const copy: Record<string, T> = {};
  for (const k in map) if (!remove(k, map[k])) copy[k] = map[k];
  return copy;
}

/** A new object with the keys of `a` then `b` (later wins): the shallow merge of SPEC Part A §3. */
export function merged<T>(a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k in a) out[k] = a[k];
  for (const k in b) out[k] = b[k];
  return out;
}
