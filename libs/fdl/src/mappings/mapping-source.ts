import type { JsonValue, MappingScope } from '@ordo/core';
import { compileJsonPath, isPathError, type PathRoot } from '../jsonpath';
import { deepFreeze } from './deep-freeze';

/** How one mapping `source` is read: a JSONPath over `$input` / `$local` / `$context`, or a constant. */
export type SourceReader = (scope: MappingScope) => JsonValue;

export type CompiledSource =
  | { readonly ok: true; readonly read: SourceReader; readonly readsContext: boolean }
  | { readonly ok: false; readonly code: string; readonly message: string };

const VARIABLE_ROOTS: readonly PathRoot[] = ['$input', '$local', '$context'];

/**
 * Compiles a mapping source (SPEC Part A §4): strings starting with `$input`, `$local` or `$context`
 * are JSONPath; `$`, `$.…` and `$[…]` are rejected (they suggest `$input`); anything else is a
 * deep-frozen constant. A path with no match reads as `null`; a wildcard path always reads an array.
 */
export function compileMappingSource(source: unknown): CompiledSource {
  if (typeof source === 'string' && VARIABLE_ROOTS.some((r) => source.startsWith(r))) return compileVariablePath(source);
  if (typeof source === 'string' && (source === '$' || source.startsWith('$.') || source.startsWith('$['))) {
    const suggestion = '$input' + source.slice(1);
    return {
      ok: false,
      code: 'FDL.DOLLAR_DOT_MAPPING_SOURCE',
      message: `mapping source "${source}" starts with "$": mapping sources read "$input", "$local" or "$context", so write "${suggestion}"`,
    };
  }
  const value = deepFreeze(source === undefined ? null : (source as JsonValue));
  return { ok: true, read: () => value, readsContext: false };
}

function compileVariablePath(source: string): CompiledSource {
  const path = compileJsonPath(source, VARIABLE_ROOTS);
  if (isPathError(path)) {
    const code = path.kind === 'script' ? 'FDL.JSONPATH_SCRIPT' : 'FDL.BAD_JSONPATH';
    return { ok: false, code, message: `mapping source "${source}": ${path.message} (offset ${path.offset})` };
  }
  const read = path.read;
  switch (path.root) {
    case '$input':
      return { ok: true, read: (scope) => read(scope.input), readsContext: false };
    case '$local':
      return { ok: true, read: (scope) => read(scope.local), readsContext: false };
    default:
      return { ok: true, read: (scope) => read(scope.context), readsContext: true };
  }
}
