import type { EventOfType } from './events';
import type { ExecutionState, PendingTask, TaskFrame, TaskOutcome } from './execution-state';
import { CLEANUP_SCOPE, FLOW_SCOPE } from './paths';
import { pruneAll } from './evolve-prune';
import { drop, put } from './records';

export function onTaskScheduled(state: ExecutionState, e: EventOfType<'TaskScheduled'>): ExecutionState {
  const d = e.data;
  const frame = state.steps[d.path] as TaskFrame;
  const task: PendingTask = {
    taskId: d.taskId, path: d.path, stepName: frame.name, attempt: d.attempt, resource: d.resource,
    pattern: d.pattern, input: d.input, submitted: false,
    ...(d.serviceParams !== undefined ? { serviceParams: d.serviceParams } : {}),
    ...(d.timeoutAt !== undefined ? { timeoutAt: Date.parse(d.timeoutAt) } : {}),
    ...(d.heartbeatSeconds !== undefined ? { heartbeatSeconds: d.heartbeatSeconds } : {}),
  };
  const n = (state.taskSeq[d.path]?.n ?? 0) + 1;
  return {
    ...state,
    steps: put(state.steps, d.path, { ...frame, attempt: d.attempt, taskId: d.taskId }),
    tasks: put(state.tasks, d.taskId, task),
    taskSeq: put(state.taskSeq, d.path, { n, outcome: 'pending' }),
  };
}

/** Marks a pending task as submitted (waitForCallback submit accepted, or child execution started). */
export function onTaskSubmitted(state: ExecutionState, taskId: string): ExecutionState {
  const task = state.tasks[taskId];
  return { ...state, tasks: put(state.tasks, taskId, { ...task, submitted: true }) };
}

/** Ends a task attempt: the task and its timeout/heartbeat timers are no longer pending. */
export function endTask(state: ExecutionState, path: string, taskId: string, outcome: TaskOutcome): ExecutionState {
  const frame = state.steps[path] as TaskFrame;
  let timers = state.timers;
  if (frame.timeoutTimerId !== null) timers = drop(timers, frame.timeoutTimerId);
  if (frame.heartbeatTimerId !== null) timers = drop(timers, frame.heartbeatTimerId);
  return {
    ...state,
    steps: put(state.steps, path, { ...frame, taskId: null, timeoutTimerId: null, heartbeatTimerId: null }),
    tasks: drop(state.tasks, taskId),
    timers,
    taskSeq: put(state.taskSeq, path, { n: state.taskSeq[path].n, outcome }),
  };
}

export function onRetryScheduled(state: ExecutionState, e: EventOfType<'RetryScheduled'>): ExecutionState {
  const frame = state.steps[e.data.path] as TaskFrame;
  const retries = frame.retries.slice();
  retries[e.data.retrier] = (retries[e.data.retrier] ?? 0) + 1;
  for (let i = 0; i < retries.length; i++) if (retries[i] === undefined) retries[i] = 0;
  return { ...state, steps: put(state.steps, frame.path, { ...frame, retries }) };
}

export function onTimerStarted(state: ExecutionState, e: EventOfType<'TimerStarted'>): ExecutionState {
  const { timerId, purpose, path } = e.data;
  let timers = put(state.timers, timerId, { timerId, purpose, path, dueAt: Date.parse(e.data.dueAt) });
  let steps = state.steps;
  const frame = state.steps[path];
  if (purpose === 'wait' && frame?.type === 'wait') steps = put(steps, path, { ...frame, timerId });
  if (frame?.type === 'task') {
    if (purpose === 'retry') steps = put(steps, path, { ...frame, retryTimerId: timerId });
    if (purpose === 'taskTimeout') steps = put(steps, path, { ...frame, timeoutTimerId: timerId });
    if (purpose === 'heartbeat') {
      if (frame.heartbeatTimerId !== null) timers = drop(timers, frame.heartbeatTimerId);
      steps = put(steps, path, { ...frame, heartbeatTimerId: timerId });
    }
  }
  return { ...state, timers, steps, timerSeq: state.timerSeq + 1 };
}

export function onTimerFired(state: ExecutionState, e: EventOfType<'TimerFired'>): ExecutionState {
  const { timerId, purpose, path } = e.data;
  if (purpose === 'flowTimeout') return startCleanup(state);
  const timers = drop(state.timers, timerId);
  const frame = state.steps[path];
  let steps = state.steps;
  if (purpose === 'wait' && frame?.type === 'wait') steps = put(steps, path, { ...frame, timerId: null });
  if (purpose === 'retry' && frame?.type === 'task') steps = put(steps, path, { ...frame, retryTimerId: null });
  return { ...state, timers, steps };
}

/** Flow timeout: everything running is cancelled; the cleanup scope gets the flow's input and local. */
function startCleanup(state: ExecutionState): ExecutionState {
  const flow = state.scopes[FLOW_SCOPE];
  const pruned = pruneAll(state);
  const cleanupScope = { kind: 'cleanup' as const, owner: '', index: -1, route: ['onTimeout'], input: flow?.input ?? state.input, local: flow?.local ?? {} };
  return { ...pruned, cleanup: true, scopes: { [CLEANUP_SCOPE]: cleanupScope } };
}
