import type { JsonObject, JsonValue } from '../json';
import { isJsonObject } from '../json';
import type { CompiledStep, MappingFn } from '../flow';
import type { ScopeFrame } from '../execution-state';
import { TASK_TOKEN_PLACEHOLDER } from '../intents';
import type { Run } from './run';
import { payloadBytesOver } from './payload';
import { merged } from '../records';

/** Engine-detected error names (SPEC Part A §9). */
export const FNF_RUNTIME_ERROR = 'FnF.RuntimeError';
export const FNF_INVALID_LOCAL = 'FnF.InvalidLocal';
export const FNF_TASK_TIMEOUT = 'FnF.TaskTimeout';
export const FNF_TIMEOUT = 'FnF.Timeout';

/** A value, or the error that prevented computing it. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly cause: string };

const EMPTY: JsonObject = Object.freeze({}) as JsonObject;

export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function failure(error: string, cause: string): { ok: false; error: string; cause: string } {
  return { ok: false, error, cause };
}

/** `$context` for a step (SPEC Part A §11); the empty object when the flow never reads it. */
export function contextFor(run: Run, path: string, name: string, taskAttempt?: number): JsonObject {
  if (!run.flow.usesContext) return EMPTY;
  const s = run.state;
  const context: JsonObject = {
    execution: { name: s.executionName, startedTime: s.startedAt ?? null },
    flow: { name: s.flowName },
    step: { name, path, eventId: s.revision + 1 },
  };
  if (taskAttempt !== undefined) context.task = { token: TASK_TOKEN_PLACEHOLDER, attempt: taskAttempt };
  return context;
}

/** Runs a compiled mapping; a throwing mapping or a non-object result becomes `FnF.RuntimeError`. */
export function runMapping(fn: MappingFn, input: JsonValue, local: JsonValue, context: JsonObject, what: string): Outcome<JsonObject> {
  try {
    const value = fn({ input, local, context });
    if (isJsonObject(value)) return ok(value);
    return failure(FNF_RUNTIME_ERROR, `${what} did not produce a JSON object.`);
  } catch (e) {
    return failure(FNF_RUNTIME_ERROR, `${what} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A step's input: its inputMappings over the parent's input and local, else their shallow merge. */
export function stepInput(run: Run, step: CompiledStep, scope: ScopeFrame, path: string): Outcome<JsonObject> {
  const parentInput = scope.input ?? EMPTY;
  let input: Outcome<JsonObject>;
  if (step.inputMappings !== undefined) {
    const context = contextFor(run, path, step.name, step.type === 'task' ? 1 : undefined);
    input = runMapping(step.inputMappings, parentInput, scope.local, context, `inputMappings of step "${path}"`);
  } else {
    input = ok(isJsonObject(parentInput) ? merged(parentInput, scope.local) : merged({}, scope.local));
  }
  if (!input.ok) return input;
  const bytes = payloadBytesOver(run.flow.limits.maxStepPayloadBytes, input.value);
  return bytes < 0 ? input : tooLarge(run, path, bytes);
}

/** The default output when a step has no outputMappings (SPEC Part B §3.3). */
function defaultOutput(step: CompiledStep, local: JsonValue): JsonObject {
  if (step.type === 'task' || step.type === 'choice') return isJsonObject(local) ? local : EMPTY;
  return EMPTY;
}

/** A step's output from its input and local, checked against the payload limit with them. */
export function stepOutput(run: Run, step: CompiledStep, path: string, input: JsonObject, local: JsonValue): Outcome<JsonObject> {
  let output: Outcome<JsonObject>;
  if (step.outputMappings !== undefined) {
    const context = contextFor(run, path, step.name);
    output = runMapping(step.outputMappings, input, local, context, `outputMappings of step "${path}"`);
  } else {
    output = ok(defaultOutput(step, local));
  }
  if (!output.ok) return output;
  return checkedPayload(run, path, input, output.value, local);
}

/** The values unchanged, or `FnF.RuntimeError` when together they exceed the step payload limit. */
export function checkedPayload(run: Run, path: string, input: JsonObject, output: JsonObject, local: JsonValue): Outcome<JsonObject> {
  const bytes = payloadBytesOver(run.flow.limits.maxStepPayloadBytes, input, output, local);
  return bytes < 0 ? ok(output) : tooLarge(run, path, bytes);
}

function tooLarge(run: Run, path: string, bytes: number): Outcome<JsonObject> {
  const limit = run.flow.limits.maxStepPayloadBytes;
  return failure(FNF_RUNTIME_ERROR, `Step "${path}" payload is ${bytes} bytes, over the limit of ${limit} bytes.`);
}
