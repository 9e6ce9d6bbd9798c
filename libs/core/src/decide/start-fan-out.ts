import type { CompiledForeachStep, CompiledParallelStep } from '../flow';
import type { JsonObject, JsonValue } from '../json';
import type { FanOutFrame } from '../execution-state';
import { branchScope, iterationScope } from '../paths';
import type { Job } from './jobs';
import type { Run } from './run';
import { FNF_RUNTIME_ERROR, failure, ok, type Outcome } from './step-data';

/** Enters every branch at once (all `BranchEntered` first), then runs them in branch order. */
export function startParallel(run: Run, step: CompiledParallelStep, path: string, input: JsonObject): void {
  if (step.branches.length === 0) {
    run.push({ kind: 'succeed', path, local: [] });
    return;
  }
  const jobs: Job[] = [];
  step.branches.forEach((steps, index) => {
    run.emit('BranchEntered', { path, index, input });
    const scope = branchScope(path, index);
    jobs.push(steps.length > 0 ? { kind: 'enter', scope, index: 0 } : { kind: 'completeScope', scope, viaSucceed: false });
  });
  run.push(...jobs);
}

/** The foreach collection read from the step input; `FnF.RuntimeError` when it is not an array. */
export function foreachItems(step: CompiledForeachStep, input: JsonObject, path: string): Outcome<readonly JsonValue[]> {
  let items: JsonValue;
  try {
    items = step.collection(input);
  } catch (e) {
    return failure(FNF_RUNTIME_ERROR, `Collection of foreach step "${path}" could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(items)) {
    const kind = items === null ? 'null' : typeof items;
    return failure(FNF_RUNTIME_ERROR, `Collection of foreach step "${path}" is ${kind}, not an array.`);
  }
  return ok(items);
}

/**
 * Starts iterations while fewer than `maxConcurrency` run, in collection order; finishes the
 * foreach step once every iteration has exited.
 */
export function advanceForeach(run: Run, step: CompiledForeachStep, path: string, items: readonly JsonValue[]): void {
  const limit = Math.max(1, step.maxConcurrency);
  const jobs: Job[] = [];
  let frame = run.state.steps[path] as FanOutFrame;
  while (frame.running < limit && frame.results.length < items.length) {
    const index = frame.results.length;
    const input: JsonObject = { ...(frame.input as JsonObject), [step.item]: items[index] };
    if (step.index !== undefined) input[step.index] = index;
    run.emit('IterationEntered', { path, index, input });
    const scope = iterationScope(path, index);
    jobs.push(step.steps.length > 0 ? { kind: 'enter', scope, index: 0 } : { kind: 'completeScope', scope, viaSucceed: false });
    frame = run.state.steps[path] as FanOutFrame;
  }
  if (frame.running === 0 && frame.results.length === items.length) jobs.push({ kind: 'succeed', path, local: frame.results as JsonValue[] });
  run.push(...jobs);
}

/** Reads the collection and starts the first iterations (an empty collection finishes at once). */
export function startForeach(run: Run, step: CompiledForeachStep, path: string, input: JsonObject): void {
  const items = foreachItems(step, input, path);
  if (!items.ok) run.push({ kind: 'fail', path, error: items.error, cause: items.cause });
  else advanceForeach(run, step, path, items.value);
}
