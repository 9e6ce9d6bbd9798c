import type { CompiledTaskStep } from '../flow';
import type { EventOfType } from '../events';

type Writable<T> = { -readonly [K in keyof T]: T[K] };
import type { JsonObject } from '../json';
import { isJsonObject } from '../json';
import { taskCount, type TaskFrame } from '../execution-state';
import { taskIdOf } from '../paths';
import { seqGet } from '../task-seq';
import type { Run } from './run';
import { FNF_RUNTIME_ERROR, failure, ok, type Outcome } from './step-data';
import { startTimer } from './timers';
import { handleTaskError } from './task-errors';

function evalServiceParams(step: CompiledTaskStep, input: JsonObject, path: string): Outcome<JsonObject | undefined> {
  if (step.serviceParams === undefined) return ok(undefined);
  try {
    const params = step.serviceParams(input);
    if (isJsonObject(params)) return ok(params);
    return failure(FNF_RUNTIME_ERROR, `serviceParams of step "${path}" did not produce a JSON object.`);
  } catch (e) {
    return failure(FNF_RUNTIME_ERROR, `serviceParams of step "${path}" failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Schedules one task attempt with the step input computed at StepStarted: `TaskScheduled`
 * (+ `TaskTokenIssued` for waitForCallback) and the attempt's timeout and heartbeat timers.
 */
export function scheduleAttempt(run: Run, frame: TaskFrame, step: CompiledTaskStep, attempt: number): void {
  const path = frame.path;
  const input = frame.input as JsonObject;
  const params = evalServiceParams(step, input, path);
  if (!params.ok) {
    handleTaskError(run, path, params.error, params.cause, false);
    return;
  }
  const n = taskCount(seqGet(run.state.taskSeq, path)) + 1;
  const taskId = taskIdOf(run.state.executionId, path, n);
  const timeoutAt = step.timeoutSeconds !== undefined ? run.isoAfter(step.timeoutSeconds) : undefined;
  const data: Writable<EventOfType<'TaskScheduled'>['data']> = { path, taskId, attempt, resource: step.resource, pattern: step.pattern, input };
  if (params.value !== undefined) data.serviceParams = params.value;
  if (timeoutAt !== undefined) data.timeoutAt = timeoutAt;
  if (step.heartbeatSeconds !== undefined) data.heartbeatSeconds = step.heartbeatSeconds;
  run.emit('TaskScheduled', data);
  if (step.pattern === 'waitForCallback') run.emit('TaskTokenIssued', { path, taskId, attempt });
  if (timeoutAt !== undefined) startTimer(run, 'taskTimeout', path, timeoutAt);
  if (step.heartbeatSeconds !== undefined) startTimer(run, 'heartbeat', path, run.isoAfter(step.heartbeatSeconds));
}
