import type { ConditionFn } from '@ordo/core';
import { parseCondition } from './parse-condition';
import { isTruthy } from './semantics';
import { ConditionSyntaxError } from './tokens';

/** Result of compiling a choice condition; on failure `offset` is the 0-based character offset. */
export type CompiledCondition =
  | { ok: true; fn: ConditionFn }
  | { ok: false; message: string; offset: number; script?: boolean };

/**
 * Compiles a choice condition (SPEC Part A §16, docs/conditions.md) into a pure function over the
 * choice step's input. Ordo's own parser: no `eval`, no JSONPath scripts.
 */
export function compileCondition(text: string): CompiledCondition {
  try {
    const evaluate = parseCondition(text);
    return { ok: true, fn: (input) => isTruthy(evaluate(input)) };
  } catch (e) {
    if (!(e instanceof ConditionSyntaxError)) throw e;
    const message = `condition "${text}": ${e.message} (offset ${e.offset})`;
    return e.script ? { ok: false, message, offset: e.offset, script: true } : { ok: false, message, offset: e.offset };
  }
}
