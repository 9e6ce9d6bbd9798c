import type {
  CompiledCatcher, CompiledResource, CompiledRetrier, CompiledTaskStep, CompiledStepBase, JsonObject, JsonValue, TaskPattern,
} from '@ordo/core';
import { deepFreeze } from '../mappings/deep-freeze';
import { resolveInputPath, withErrorCodeAlias } from '../mappings';
import { classifyResource } from '../resources';
import type { CompileContext } from './compile-context';

type Raw = Record<string, unknown>;

/** Retry defaults (SPEC Part A §8). */
export const RETRY_DEFAULTS = { intervalSeconds: 1, maxIntervalSeconds: 86400, maxAttempts: 3, multiplier: 2 } as const;

/** Compiles a validated task step; `siblings` resolves catch gotos to indices. */
export function compileTask(raw: Raw, base: CompiledStepBase, docPath: string, siblings: readonly string[], ctx: CompileContext): CompiledTaskStep {
  const errorMappings = ctx.mappings(raw.errorMappings, `${docPath}.errorMappings`);
  return {
    ...base,
    type: 'task',
    resource: taskResource(raw),
    pattern: (raw.pattern as TaskPattern | undefined) ?? 'requestResponse',
    ...(raw.serviceParams !== undefined ? { serviceParams: compileServiceParams(raw.serviceParams as Raw) } : {}),
    ...(raw.timeoutSeconds !== undefined ? { timeoutSeconds: raw.timeoutSeconds as number } : {}),
    ...(raw.heartbeatSeconds !== undefined ? { heartbeatSeconds: raw.heartbeatSeconds as number } : {}),
    ...(errorMappings ? { errorMappings: withErrorCodeAlias(errorMappings) } : {}),
    retry: ((raw.retry as Raw[] | undefined) ?? []).map(compileRetrier),
    catch: ((raw.catch as Raw[] | undefined) ?? []).map((c) => compileCatcher(c, siblings)),
  };
}

function taskResource(raw: Raw): CompiledResource {
  if (typeof raw.action === 'string') return { kind: 'action', ref: raw.action };
  const resource = classifyResource(raw.resourceArn as string);
  if (!resource) throw new Error(`internal: resourceArn ${String(raw.resourceArn)} was not validated`);
  return resource;
}

function compileRetrier(raw: Raw): CompiledRetrier {
  return {
    errors: Object.freeze([...(raw.errors as string[])]),
    intervalSeconds: (raw.intervalSeconds as number | undefined) ?? RETRY_DEFAULTS.intervalSeconds,
    maxIntervalSeconds: (raw.maxIntervalSeconds as number | undefined) ?? RETRY_DEFAULTS.maxIntervalSeconds,
    maxAttempts: (raw.maxAttempts as number | undefined) ?? RETRY_DEFAULTS.maxAttempts,
    multiplier: (raw.multiplier as number | undefined) ?? RETRY_DEFAULTS.multiplier,
  };
}

function compileCatcher(raw: Raw, siblings: readonly string[]): CompiledCatcher {
  const gotoName = raw.goto as string;
  return { errors: Object.freeze([...(raw.errors as string[])]), goto: siblings.indexOf(gotoName), gotoName };
}

/** serviceParams: `$` / `$.path` string values read the step input; everything else is a frozen constant. */
export function compileServiceParams(params: Raw): (input: JsonValue) => JsonObject {
  const entries = Object.entries(params).map(([key, value]): [string, (input: JsonValue) => JsonValue] => {
    if (typeof value === 'string' && value.startsWith('$')) return [key, resolveInputPath(value)];
    const constant = deepFreeze(value as JsonValue);
    return [key, () => constant];
  });
  return (input) => {
    const out: JsonObject = {};
    for (const [key, read] of entries) out[key] = read(input);
    return out;
  };
}
