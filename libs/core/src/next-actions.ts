import type { ExecutionState, PendingTask, PendingTimer } from './execution-state';
import type { DispatchTaskIntent, Intent, NotifyParentIntent, StartTimerIntent } from './intents';

/**
 * Every outstanding intent of the state: each pending task attempt, each pending timer, and
 * `NotifyParent` once a child execution is terminal. Ids are deterministic, so re-dispatching
 * after a crash is harmless. Cancelled work yields nothing.
 */
export function nextActions(state: ExecutionState): Intent[] {
  const intents: Intent[] = [];
  for (const id in state.tasks) intents.push(dispatchIntent(state, state.tasks[id]));
  for (const id in state.timers) intents.push(timerIntent(state, state.timers[id]));
  const notify = notifyParentIntent(state);
  if (notify !== undefined) intents.push(notify);
  return intents;
}

function dispatchIntent(state: ExecutionState, task: PendingTask): DispatchTaskIntent {
  return {
    kind: 'DispatchTask', id: task.taskId, taskId: task.taskId, executionId: state.executionId,
    path: task.path, stepName: task.stepName, attempt: task.attempt, resource: task.resource,
    pattern: task.pattern, input: task.input, submitted: task.submitted,
    ...(task.serviceParams !== undefined ? { serviceParams: task.serviceParams } : {}),
    ...(task.timeoutAt !== undefined ? { timeoutAt: task.timeoutAt } : {}),
  };
}

function timerIntent(state: ExecutionState, timer: PendingTimer): StartTimerIntent {
  return {
    kind: 'StartTimer', id: timer.timerId, timerId: timer.timerId, executionId: state.executionId,
    dueAt: timer.dueAt, purpose: timer.purpose, path: timer.path,
  };
}

function notifyParentIntent(state: ExecutionState): NotifyParentIntent | undefined {
  const parent = state.parent;
  if (parent === undefined) return undefined;
  const id = `${state.executionId}:notify-parent`;
  switch (state.status) {
    case 'Succeeded': return { kind: 'NotifyParent', id, parent, status: 'Succeeded', output: state.output ?? {} };
    case 'Failed': case 'TimedOut': case 'Stopped':
      return { kind: 'NotifyParent', id, parent, status: state.status, error: state.error ?? '', cause: state.cause ?? '' };
    default: return undefined;
  }
}
