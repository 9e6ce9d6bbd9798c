import { JSONPath } from 'jsonpath-plus';
import type { JsonValue } from '@ordo/core';
import { parseSegments, type PathSegment, type PathSyntaxError } from './path-syntax';

/** The variable a path starts from. `$` is a step's own input (conditions, foreach, wait, serviceParams). */
export type PathRoot = '$' | '$input' | '$local' | '$context';

/** A compiled JSONPath: `read` never mutates its argument and yields `null` for no match. */
export interface CompiledPath {
  readonly text: string;
  readonly root: PathRoot;
  /** True for wildcards, recursive descent, slices and unions: `read` then always yields an array. */
  readonly multi: boolean;
  readonly read: (value: JsonValue) => JsonValue;
}

export type { PathSyntaxError } from './path-syntax';

const ROOTS_LONGEST_FIRST: readonly PathRoot[] = ['$context', '$input', '$local', '$'];

/**
 * Compiles a JSONPath whose root is one of `roots`. Simple paths (names and indices) become direct
 * property walks; wildcards, `..`, slices and unions run through jsonpath-plus with `eval: false`.
 */
export function compileJsonPath(text: string, roots: readonly PathRoot[]): CompiledPath | PathSyntaxError {
  const root = ROOTS_LONGEST_FIRST.find((r) => text.startsWith(r) && isRootEnd(text, r.length));
  if (root === undefined || !roots.includes(root)) {
    return { kind: 'syntax', message: `a path must start with ${roots.map((r) => `"${r}"`).join(' or ')}`, offset: 0 };
  }
  const parsed = parseSegments(text, root.length);
  if ('kind' in parsed) return parsed;
  if (parsed.end !== text.length) return trailingError(text, parsed.end);
  return compileSegments(text, root, parsed.segments);
}

/** True when `value` is a path-compile failure rather than a compiled path. */
export function isPathError(value: CompiledPath | PathSyntaxError): value is PathSyntaxError {
  return 'kind' in value;
}

/** Compiles already-parsed segments (used by the condition parser, which finds the path's end itself). */
export function compileSegments(text: string, root: PathRoot, segments: readonly PathSegment[]): CompiledPath {
  const multi = segments.some((s) => s.kind !== 'name' && s.kind !== 'index');
  const read = multi ? multiReader(segments) : simpleReader(segments);
  return { text, root, multi, read };
}

function isRootEnd(text: string, at: number): boolean {
  return at === text.length || text[at] === '.' || text[at] === '[';
}

function trailingError(text: string, at: number): PathSyntaxError {
  const ch = text[at];
  if (ch === '(' || ch === '?' || ch === '@') {
    return { kind: 'script', message: `JSONPath filter and script expressions ("${ch}") are disabled in Ordo`, offset: at };
  }
  return { kind: 'syntax', message: `unexpected "${ch}" in path`, offset: at };
}

type Step = string | number;

function simpleReader(segments: readonly PathSegment[]): (value: JsonValue) => JsonValue {
  const steps: Step[] = segments.map((s) => (s.kind === 'name' ? s.name : (s as { index: number }).index));
  if (steps.length === 0) return (value) => (value === undefined ? null : value);
  if (steps.length === 1) {
    const only = steps[0];
    return (value) => member(value, only);
  }
  return (value) => {
    let current: JsonValue = value;
    for (let i = 0; i < steps.length && current !== null; i++) current = member(current, steps[i]);
    return current;
  };
}

const hasOwn = Object.prototype.hasOwnProperty;

function member(value: JsonValue, step: Step): JsonValue {
  if (typeof step === 'number') {
    if (!Array.isArray(value)) return null;
    const at = step < 0 ? value.length + step : step;
    return at >= 0 && at < value.length ? value[at] : null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return hasOwn.call(value, step) ? (value[step] as JsonValue) : null;
}

function multiReader(segments: readonly PathSegment[]): (value: JsonValue) => JsonValue {
  const path = ['$', ...segments.map(toPlusLocation)];
  return (value) => {
    if (value === null || typeof value !== 'object') return [];
    const found = JSONPath({ path, json: value, eval: false, wrap: true, resultType: 'value' }) as JsonValue[] | undefined;
    return found ?? [];
  };
}

/** jsonpath-plus array-form location; a leading backtick makes a name literal (no `*`, `,` or `:` meaning). */
function toPlusLocation(segment: PathSegment): string | number {
  switch (segment.kind) {
    case 'name':
      return '`' + segment.name;
    case 'index':
      return segment.index >= 0 ? segment.index : `${segment.index}:${segment.index + 1 === 0 ? '' : segment.index + 1}`;
    case 'wildcard':
      return '*';
    case 'descend':
      return '..';
    case 'slice':
      return segment.text;
    case 'union':
      return segment.items.map((i) => (typeof i === 'number' ? String(i) : '`' + i)).join(',');
  }
}
