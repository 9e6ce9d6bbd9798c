/** Appends a key or index to a dotted document path: `steps` + 2 → `steps[2]`, `steps[2]` + `name` → `steps[2].name`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}
