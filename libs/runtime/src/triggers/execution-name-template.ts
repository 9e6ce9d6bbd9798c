import type { JsonObject, JsonValue, MappingFn } from '@ordo/core';
import { compileMappingList } from '@ordo/fdl';

/** What a trigger's `executionName` reads: the message value as `$input`, trigger facts as `$context`. */
export interface NameScope {
  readonly input: JsonValue;
  readonly context: JsonObject;
}

/** A compiled `executionName`: the name for one message, or an explanation of why there is none. */
export type ExecutionNameFn = (scope: NameScope) => { ok: true; name: string } | { ok: false; problem: string };

type Part = { literal: string } | { path: string; read: MappingFn };

const PLACEHOLDER = /\{([^{}]+)\}/g;
const VARIABLE = /^\$(input|context)\b/;

/**
 * Compiles an `executionName` setting: either one path (`$input.id`) or a template with paths in
 * braces (`order-{$input.id}`, so numeric ids still give a name that starts with a letter). Each
 * path must read a string or a number. Throws an Error naming the problem (the caller adds the key).
 */
export function compileExecutionName(text: string): ExecutionNameFn {
  const parts = VARIABLE.test(text) && !text.includes('{') ? [pathPart(text)] : templateParts(text);
  if (!parts.some((p) => 'path' in p)) {
    throw new Error(`"${text}" reads nothing from the message: use a path such as $input.id or a template such as order-{$input.id}`);
  }
  return (scope) => {
    let name = '';
    for (const part of parts) {
      if ('literal' in part) { name += part.literal; continue; }
      const value = part.read({ input: scope.input, local: null, context: scope.context }).v;
      if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) name += String(value);
      else return { ok: false, problem: `${part.path} reads ${value === null ? 'nothing' : `a ${Array.isArray(value) ? 'array' : typeof value}`}, not a string or number` };
    }
    return { ok: true, name };
  };
}

function templateParts(text: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ literal: text.slice(last, match.index) });
    parts.push(pathPart(match[1].trim()));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ literal: text.slice(last) });
  return parts;
}

function pathPart(path: string): Part {
  if (!VARIABLE.test(path)) throw new Error(`"${path}" must start with $input or $context`);
  return { path, read: compileMappingList([{ target: 'v', source: path }]) };
}
