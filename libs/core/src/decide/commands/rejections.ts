import type { Rejection } from '../../decision';
import type { ExecutionState, PendingTask } from '../../execution-state';
import { parseTaskId } from '../../paths';

/** Rejection for a command that needs a running execution, or `undefined` when it is running. */
export function notRunning(state: ExecutionState, what: string): Rejection | undefined {
  if (state.status === 'Running') return undefined;
  const name = state.executionId === '' ? 'The execution' : `Execution "${state.executionId}"`;
  return { code: 'CORE.EXECUTION_NOT_RUNNING', message: `${name} is ${state.status}, so ${what} is rejected.` };
}

/** Why a task id is not pending: unknown, already reported, or superseded (timed out, cancelled, retried). */
export function taskRejection(state: ExecutionState, taskId: string): Rejection {
  const parsed = parseTaskId(state.executionId, taskId);
  const seq = parsed === undefined ? undefined : state.taskSeq[parsed.path];
  if (parsed === undefined || seq === undefined || parsed.n > seq.n) {
    return { code: 'CORE.UNKNOWN_TASK', message: `Task "${taskId}" was never scheduled in execution "${state.executionId}".` };
  }
  if (parsed.n === seq.n && seq.outcome === 'reported') {
    return { code: 'CORE.TASK_ALREADY_REPORTED', message: `Task "${taskId}" at step "${parsed.path}" already has a result.` };
  }
  const why = parsed.n < seq.n ? `a newer task (#${seq.n}) exists for step "${parsed.path}"`
    : seq.outcome === 'timedOut' ? `it timed out at step "${parsed.path}"`
      : `its step "${parsed.path}" was cancelled`;
  return { code: 'CORE.TASK_SUPERSEDED', message: `Task "${taskId}" is no longer current: ${why}.` };
}

/** The pending task a command names, or the reason the command is rejected. */
export function pendingTask(state: ExecutionState, taskId: string, what: string): PendingTask | Rejection {
  const stopped = notRunning(state, `${what} for task "${taskId}"`);
  if (stopped !== undefined) return stopped;
  return state.tasks[taskId] ?? taskRejection(state, taskId);
}

export function isRejection(value: PendingTask | Rejection): value is Rejection {
  return 'code' in value;
}
