import type { Rejection } from '../../decision';
import { taskCount, taskOutcome, type ExecutionState, type PendingTask } from '../../execution-state';
import { parseTaskId } from '../../paths';
import { seqGet } from '../../task-seq';

/** Rejection for a command that needs a running execution, or `undefined` when it is running. */
export function notRunning(state: ExecutionState, what: string): Rejection | undefined {
  if (state.status === 'Running') return undefined;
  const name = state.executionId === '' ? 'The execution' : `Execution "${state.executionId}"`;
  return { code: 'CORE.EXECUTION_NOT_RUNNING', message: `${name} is ${state.status}, so ${what} is rejected.` };
}

/** Why a task id is not pending: unknown, already reported, or superseded (timed out, cancelled, retried). */
export function taskRejection(state: ExecutionState, taskId: string): Rejection {
  const parsed = parseTaskId(state.executionId, taskId);
  const seq = parsed === undefined ? undefined : seqGet(state.taskSeq, parsed.path);
  const count = taskCount(seq);
  if (parsed === undefined || seq === undefined || parsed.n > count) {
    return { code: 'CORE.UNKNOWN_TASK', message: `Task "${taskId}" was never scheduled in execution "${state.executionId}".` };
  }
  const outcome = taskOutcome(seq);
  if (parsed.n === count && outcome === 'reported') {
    return { code: 'CORE.TASK_ALREADY_REPORTED', message: `Task "${taskId}" at step "${parsed.path}" already has a result.` };
  }
  const why = parsed.n < count ? `a newer task (#${count}) exists for step "${parsed.path}"`
    : outcome === 'timedOut' ? `it timed out at step "${parsed.path}"`
      : `its step "${parsed.path}" was cancelled`;
  return { code: 'CORE.TASK_SUPERSEDED', message: `Task "${taskId}" is no longer current: ${why}.` };
}

/** The pending task a command names, or the reason the command is rejected. */
export function pendingTask(state: ExecutionState, taskId: string, what: string): PendingTask | Rejection {
  const stopped = notRunning(state, `${what} for task "${taskId}"`);
  if (stopped !== undefined) return stopped;
  const parsed = parseTaskId(state.executionId, taskId);
  const task = parsed === undefined ? undefined : state.tasks[parsed.path];
  return task !== undefined && task.taskId === taskId ? task : taskRejection(state, taskId);
}

export function isRejection(value: PendingTask | Rejection): value is Rejection {
  return 'code' in value;
}
