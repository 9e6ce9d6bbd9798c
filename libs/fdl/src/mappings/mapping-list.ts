import type { JsonObject, JsonValue, MappingFn, MappingScope } from '@ordo/core';
import { FdlError, type PendingIssue } from '../issues';
import { childPath } from '../paths';
import { compileMappingSource, type SourceReader } from './mapping-source';

/** A mapping list compiled together with the problems found in it. */
export interface CompiledMappingList {
  readonly fn: MappingFn;
  readonly readsContext: boolean;
  readonly issues: PendingIssue[];
}

interface Entry {
  readonly target: string;
  readonly read: SourceReader;
}

/**
 * Compiles `[{target, source}]` (already schema-checked) into one function building a new object
 * with exactly the listed targets. A target is a plain top-level key: `a.b` is the literal key "a.b".
 */
export function compileMappingEntries(list: readonly unknown[], path: string): CompiledMappingList {
  const entries: Entry[] = [];
  const issues: PendingIssue[] = [];
  let readsContext = false;
  list.forEach((item, i) => {
    const { target, source } = item as { target: string; source?: unknown };
    const compiled = compileMappingSource(source);
    if (!compiled.ok) {
      issues.push({ code: compiled.code, message: compiled.message, path: childPath(childPath(path, i), 'source') });
      return;
    }
    readsContext = readsContext || compiled.readsContext;
    entries.push({ target, read: compiled.read });
  });
  return { fn: buildMappingFn(entries), readsContext, issues };
}

function buildMappingFn(entries: readonly Entry[]): MappingFn {
  return (scope: MappingScope): JsonObject => {
    const out: JsonObject = {};
    for (let i = 0; i < entries.length; i++) setKey(out, entries[i].target, entries[i].read(scope));
    return out;
  };
}

function setKey(out: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/**
 * Compiles a mapping list given as untrusted data (e.g. a Kafka trigger's `inputMappings`).
 * Throws FdlError listing every bad entry.
 */
export function compileMappingList(list: unknown): MappingFn {
  const shapeIssues = checkMappingShape(list);
  if (shapeIssues.length > 0) throw new FdlError(shapeIssues.map((p) => ({ ...p, line: 1, column: 1 })));
  const compiled = compileMappingEntries(list as unknown[], '');
  if (compiled.issues.length > 0) throw new FdlError(compiled.issues.map((p) => ({ ...p, line: 1, column: 1 })));
  return compiled.fn;
}

function checkMappingShape(list: unknown): PendingIssue[] {
  if (!Array.isArray(list)) return [{ code: 'FDL.SCHEMA', message: 'a mapping list must be an array of {target, source}', path: '' }];
  const issues: PendingIssue[] = [];
  list.forEach((item, i) => {
    const at = childPath('', i);
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      issues.push({ code: 'FDL.SCHEMA', message: `mapping ${at} must be an object {target, source}`, path: at });
      return;
    }
    const target = (item as { target?: unknown }).target;
    if (typeof target !== 'string' || target === '') {
      issues.push({ code: 'FDL.SCHEMA', message: `mapping ${at} needs a non-empty string "target"`, path: childPath(at, 'target') });
    }
    for (const key of Object.keys(item)) {
      if (key !== 'target' && key !== 'source' && !key.startsWith('x-')) {
        issues.push({ code: 'FDL.UNKNOWN_FIELD', message: `mapping ${at} has unknown field "${key}"`, path: childPath(at, key) });
      }
    }
  });
  return issues;
}

/** Wraps errorMappings so `$local.code` reads the same as `$local.error` (SPEC Part A §12). */
export function withErrorCodeAlias(fn: MappingFn): MappingFn {
  return (scope) => {
    const local = scope.local;
    if (local === null || typeof local !== 'object' || Array.isArray(local) || 'code' in local) return fn(scope);
    return fn({ input: scope.input, context: scope.context, local: { ...local, code: local.error ?? null } });
  };
}
