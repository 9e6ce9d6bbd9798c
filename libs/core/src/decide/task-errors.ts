import type { CompiledTaskStep } from '../flow';
import type { TaskFrame } from '../execution-state';
import type { Run } from './run';
import { errorMatches, retryDelayMs } from './matching';
import { contextFor, runMapping } from './step-data';
import { startTimer, nextTimerId } from './timers';

/**
 * A task attempt (or the task step) failed with `error`: the first matching retrier schedules a
 * retry if it has attempts left; otherwise the first matching catcher finishes the step with its
 * errorMappings output and a goto; otherwise the step fails (SPEC Part A §8).
 */
export function handleTaskError(run: Run, path: string, error: string, cause: string, allowRetry = true): void {
  const frame = run.state.steps[path] as TaskFrame;
  const step = run.stepOf(frame).step as CompiledTaskStep;
  if (allowRetry && scheduleRetry(run, frame, step, error, cause)) return;
  const catcher = step.catch.findIndex((c) => errorMatches(c.errors, error));
  if (catcher < 0) {
    run.push({ kind: 'fail', path, error, cause });
    return;
  }
  const target = step.catch[catcher];
  run.emit('CatchMatched', { path, error, catcher, goto: target.gotoName });
  const local = { error, cause, code: error };
  if (step.errorMappings === undefined) {
    run.push({ kind: 'succeed', path, local: {}, output: {}, goto: target.goto });
    return;
  }
  const input = frame.input ?? {};
  const output = runMapping(step.errorMappings, input, local, contextFor(run, path, frame.name), `errorMappings of step "${path}"`);
  if (output.ok) run.push({ kind: 'succeed', path, local: {}, output: output.value, goto: target.goto });
  else run.push({ kind: 'fail', path, error: output.error, cause: output.cause });
}

function scheduleRetry(run: Run, frame: TaskFrame, step: CompiledTaskStep, error: string, cause: string): boolean {
  if (frame.input === null) return false;
  const retrier = step.retry.findIndex((r) => errorMatches(r.errors, error));
  if (retrier < 0) return false;
  const policy = step.retry[retrier];
  const done = frame.retries[retrier] ?? 0;
  if (done >= policy.maxAttempts) return false;
  const delayMs = retryDelayMs(policy.intervalSeconds, policy.multiplier, policy.maxIntervalSeconds, done + 1);
  const dueAt = new Date(run.now + delayMs).toISOString();
  const timerId = nextTimerId(run, 'retry', frame.path);
  run.emit('RetryScheduled', { path: frame.path, attempt: frame.attempt, retrier, delayMs, dueAt, timerId, error, cause });
  startTimer(run, 'retry', frame.path, dueAt);
  return true;
}
