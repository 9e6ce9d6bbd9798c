import type { ExecutionCommand } from '../../commands';
import type { Rejection } from '../../decision';
import type { PendingTask } from '../../execution-state';
import type { Run } from '../run';
import { handleTaskError } from '../task-errors';
import { isRejection, pendingTask } from './rejections';

type Cmd<T extends ExecutionCommand['type']> = Extract<ExecutionCommand, { type: T }>;

function alreadySubmitted(task: PendingTask): Rejection | undefined {
  if (!task.submitted) return undefined;
  return { code: 'CORE.TASK_ALREADY_SUBMITTED', message: `Task "${task.taskId}" at step "${task.path}" was already submitted.` };
}

/** The runtime handed the task to its worker; it will not be submitted again. */
export function recordTaskSubmitted(run: Run, command: Cmd<'RecordTaskSubmitted'>): Rejection | undefined {
  const task = pendingTask(run.state, command.data.taskId, 'a submission record');
  if (isRejection(task)) return task;
  const duplicate = alreadySubmitted(task);
  if (duplicate !== undefined) return duplicate;
  run.emit('TaskSubmitted', { path: task.path, taskId: task.taskId, attempt: task.attempt });
  return undefined;
}

/** The submission failed: the attempt fails with the submission error (retry and catch apply). */
export function recordTaskSubmitFailed(run: Run, command: Cmd<'RecordTaskSubmitFailed'>): Rejection | undefined {
  const task = pendingTask(run.state, command.data.taskId, 'a submission failure');
  if (isRejection(task)) return task;
  const duplicate = alreadySubmitted(task);
  if (duplicate !== undefined) return duplicate;
  const { error } = command.data;
  const cause = command.data.cause ?? '';
  run.emit('TaskSubmitFailed', { path: task.path, taskId: task.taskId, attempt: task.attempt, error, cause });
  handleTaskError(run, task.path, error, cause);
  return undefined;
}

/**
 * A child execution was started for a flow task. With requestResponse that completes the task
 * with `{flowName, executionName}`; with sync / waitForCallback the task waits for the child.
 */
export function recordChildStarted(run: Run, command: Cmd<'RecordChildStarted'>): Rejection | undefined {
  const task = pendingTask(run.state, command.data.taskId, 'a child start record');
  if (isRejection(task)) return task;
  if (task.resource.kind !== 'flow') {
    return { code: 'CORE.NOT_A_FLOW_TASK', message: `Task "${task.taskId}" at step "${task.path}" does not start a child flow.` };
  }
  const duplicate = alreadySubmitted(task);
  if (duplicate !== undefined) return duplicate;
  const { flowName, executionName } = command.data;
  const { path, taskId, attempt } = task;
  run.emit('ChildExecutionStarted', { path, taskId, flowName, executionName });
  if (task.pattern === 'requestResponse') {
    const output = { flowName, executionName };
    run.emit('TaskSucceeded', { path, taskId, attempt, output });
    run.push({ kind: 'succeed', path, local: output });
  }
  return undefined;
}
