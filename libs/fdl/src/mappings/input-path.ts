import type { InputPathFn } from '@ordo/core';
import { compileJsonPath, isPathError } from '../jsonpath';
import { FdlError } from '../issues';

/** Compiles a path relative to a step's own input (`$`, `$.a.b`, `$.items[*].id`), or explains why not. */
export function compileInputPath(path: string): { ok: true; fn: InputPathFn } | { ok: false; code: string; message: string } {
  const compiled = compileJsonPath(path, ['$']);
  if (!isPathError(compiled)) return { ok: true, fn: compiled.read };
  const code = compiled.kind === 'script' ? 'FDL.JSONPATH_SCRIPT' : 'FDL.BAD_JSONPATH';
  return { ok: false, code, message: `path "${path}": ${compiled.message} (offset ${compiled.offset})` };
}

/** Compiles `$.a.b` / `$` relative to an input; throws FdlError for a bad path. */
export function resolveInputPath(path: string): InputPathFn {
  const compiled = compileInputPath(path);
  if (compiled.ok) return compiled.fn;
  throw new FdlError([{ code: compiled.code, message: compiled.message, path: '', line: 1, column: 1 }]);
}
