import type { ExecutionCommand } from '../../commands';
import type { Rejection } from '../../decision';
import { isJsonObject } from '../../json';
import type { PendingTask } from '../../execution-state';
import type { Run } from '../run';
import { FNF_INVALID_LOCAL } from '../step-data';
import { handleTaskError } from '../task-errors';
import { startTimer } from '../timers';
import { isRejection, pendingTask } from './rejections';

type Cmd<T extends ExecutionCommand['type']> = Extract<ExecutionCommand, { type: T }>;

/** True for a child flow whose completion the parent waits for (sync / waitForCallback). */
function awaitsChild(task: PendingTask): boolean {
  return task.resource.kind === 'flow' && task.pattern !== 'requestResponse';
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** A task attempt succeeded: its output (a JSON object, else `FnF.InvalidLocal`) is the step's local. */
export function reportTaskSucceeded(run: Run, command: Cmd<'ReportTaskSucceeded'>): Rejection | undefined {
  const task = pendingTask(run.state, command.data.taskId, 'a success report');
  if (isRejection(task)) return task;
  const { path, taskId, attempt } = task;
  if (awaitsChild(task)) run.emit('ChildExecutionFinished', { path, taskId, status: 'Succeeded' });
  const output = command.data.output;
  if (!isJsonObject(output)) {
    const cause = `Task "${taskId}" at step "${path}" returned ${describe(output)}; a task result must be a JSON object.`;
    run.emit('TaskFailed', { path, taskId, attempt, error: FNF_INVALID_LOCAL, cause });
    handleTaskError(run, path, FNF_INVALID_LOCAL, cause);
    return undefined;
  }
  run.emit('TaskSucceeded', { path, taskId, attempt, output });
  run.push({ kind: 'succeed', path, local: output });
  return undefined;
}

/** A task attempt failed with the reported error: retry, catch or fail the step. */
export function reportTaskFailed(run: Run, command: Cmd<'ReportTaskFailed'>): Rejection | undefined {
  const task = pendingTask(run.state, command.data.taskId, 'a failure report');
  if (isRejection(task)) return task;
  const { path, taskId, attempt } = task;
  const { error } = command.data;
  const cause = command.data.cause ?? '';
  if (awaitsChild(task)) run.emit('ChildExecutionFinished', { path, taskId, status: 'Failed' });
  run.emit('TaskFailed', { path, taskId, attempt, error, cause });
  handleTaskError(run, path, error, cause);
  return undefined;
}

/** A heartbeat moves the task's heartbeat deadline: a new heartbeat timer replaces the old one. */
export function reportTaskHeartbeat(run: Run, command: Cmd<'ReportTaskHeartbeat'>): Rejection | undefined {
  const task = pendingTask(run.state, command.data.taskId, 'a heartbeat');
  if (isRejection(task)) return task;
  if (task.heartbeatSeconds === undefined) {
    return { code: 'CORE.HEARTBEAT_NOT_CONFIGURED', message: `Step "${task.path}" has no heartbeatSeconds, so the heartbeat for task "${task.taskId}" is ignored.` };
  }
  const deadlineAt = run.isoAfter(task.heartbeatSeconds);
  run.emit('TaskHeartbeat', { path: task.path, taskId: task.taskId, attempt: task.attempt, deadlineAt });
  startTimer(run, 'heartbeat', task.path, deadlineAt);
  return undefined;
}
