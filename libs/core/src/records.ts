/** Copy-on-write helpers over plain records: they copy only the record they change. */

/** A copy of `map` with `key` set to `value`. */
export function put<T>(map: Readonly<Record<string, T>>, key: string, value: T): Record<string, T> {
  return { ...map, [key]: value };
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
  let copy: Record<string, T> | undefined;
  for (const k in map) {
    if (!remove(k, map[k])) continue;
    if (copy === undefined) copy = { ...map };
    delete copy[k];
  }
  return copy ?? map;
}
