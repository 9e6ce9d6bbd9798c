import type { ExecutionCommand, JsonObject, ParentLink } from '@ordo/core';

/** Execution id used by the specification tests; task ids read `ex-1:<path>:<n>`. */
export const EXEC = 'ex-1';
/** The tests' clock origin (epoch ms). */
export const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** `ex-1:<path>:<n>` */
export function tid(path: string, n = 1): string {
  return `${EXEC}:${path}:${n}`;
}

/** Builders for every command, `now` defaulting to T0. */
export const cmd = {
  start(input: JsonObject = {}, now = T0, parent?: ParentLink): ExecutionCommand {
    return {
      type: 'StartExecution', now,
      data: { executionId: EXEC, executionName: 'run-1', flowName: 'f', flowVersion: 1, input, trigger: { kind: 'api' }, ...(parent ? { parent } : {}) },
    };
  },
  succeed(taskId: string, output: unknown, now = T0): ExecutionCommand {
    return { type: 'ReportTaskSucceeded', now, data: { taskId, output } };
  },
  fail(taskId: string, error: string, cause?: string, now = T0): ExecutionCommand {
    return { type: 'ReportTaskFailed', now, data: { taskId, error, ...(cause !== undefined ? { cause } : {}) } };
  },
  heartbeat(taskId: string, now = T0): ExecutionCommand {
    return { type: 'ReportTaskHeartbeat', now, data: { taskId } };
  },
  submitted(taskId: string, now = T0): ExecutionCommand {
    return { type: 'RecordTaskSubmitted', now, data: { taskId } };
  },
  submitFailed(taskId: string, error: string, cause?: string, now = T0): ExecutionCommand {
    return { type: 'RecordTaskSubmitFailed', now, data: { taskId, error, ...(cause !== undefined ? { cause } : {}) } };
  },
  childStarted(taskId: string, flowName: string, executionName: string, now = T0): ExecutionCommand {
    return { type: 'RecordChildStarted', now, data: { taskId, flowName, executionName } };
  },
  fire(timerId: string, now: number): ExecutionCommand {
    return { type: 'FireTimer', now, data: { timerId } };
  },
  stop(error?: string, cause?: string, now = T0): ExecutionCommand {
    return { type: 'StopExecution', now, data: { ...(error ? { error } : {}), ...(cause ? { cause } : {}) } };
  },
};
