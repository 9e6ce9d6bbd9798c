import type { EventOfType } from './events';
import {
  taskCount, taskSeqOf, type PendingTask, type StateDraft, type TaskFrame, type TaskOutcome,
} from './execution-state';
import { CLEANUP_SCOPE, FLOW_SCOPE, timerKey } from './paths';
import { pruneAll } from './evolve-prune';
import { copyTask } from './frames';
import { drop, put } from './records';
import { seqGet, seqSet } from './task-seq';

export function onTaskScheduled(d: StateDraft, e: EventOfType<'TaskScheduled'>): void {
  const data = e.data;
  const task: { -readonly [K in keyof PendingTask]: PendingTask[K] } = {
    taskId: data.taskId, path: data.path, stepName: d.steps[data.path].name, attempt: data.attempt,
    resource: data.resource, pattern: data.pattern, input: data.input, submitted: false,
  };
  if (data.serviceParams !== undefined) task.serviceParams = data.serviceParams;
  if (data.timeoutAt !== undefined) task.timeoutAt = Date.parse(data.timeoutAt);
  if (data.heartbeatSeconds !== undefined) task.heartbeatSeconds = data.heartbeatSeconds;
  d.tasks = put(d.tasks, data.path, task);
  d.taskSeq = seqSet(d.taskSeq, data.path, taskSeqOf(taskCount(seqGet(d.taskSeq, data.path)) + 1, 'reported'));
}

/** Marks a pending task as submitted (waitForCallback submit accepted, or child execution started). */
export function onTaskSubmitted(d: StateDraft, path: string, taskId: string): void {
  const task = d.tasks[path];
  if (task === undefined || task.taskId !== taskId) return;
  const copy: PendingTask = {
    taskId: task.taskId, path: task.path, stepName: task.stepName, attempt: task.attempt, resource: task.resource,
    pattern: task.pattern, input: task.input, submitted: true,
    ...(task.serviceParams !== undefined ? { serviceParams: task.serviceParams } : {}),
    ...(task.timeoutAt !== undefined ? { timeoutAt: task.timeoutAt } : {}),
    ...(task.heartbeatSeconds !== undefined ? { heartbeatSeconds: task.heartbeatSeconds } : {}),
  };
  d.tasks = put(d.tasks, path, copy);
}

/** Ends a task attempt: the task and its timeout/heartbeat timers are no longer pending. */
export function endTask(d: StateDraft, path: string, taskId: string, outcome: TaskOutcome): void {
  const task = d.tasks[path];
  if (task?.taskId !== taskId) return;
  d.tasks = drop(d.tasks, path);
  if (task.timeoutAt !== undefined) d.timers = drop(d.timers, timerKey('taskTimeout', path));
  if (task.heartbeatSeconds !== undefined) d.timers = drop(d.timers, timerKey('heartbeat', path));
  if (outcome !== 'reported') d.taskSeq = seqSet(d.taskSeq, path, taskSeqOf(taskCount(seqGet(d.taskSeq, path)), outcome));
}

/** A retry was scheduled: the retrier's count and the attempt number move on. */
export function onRetryScheduled(d: StateDraft, e: EventOfType<'RetryScheduled'>): void {
  const frame = copyTask(d.steps[e.data.path] as TaskFrame);
  const retries = frame.retries.slice();
  for (let i = retries.length; i <= e.data.retrier; i++) retries.push(0);
  retries[e.data.retrier] += 1;
  frame.retries = retries;
  frame.attempt = e.data.attempt + 1;
  d.steps = put(d.steps, frame.path, frame);
}

/** A started timer is pending under `timerKey(purpose, path)`, replacing an older one (heartbeats). */
export function onTimerStarted(d: StateDraft, e: EventOfType<'TimerStarted'>): void {
  const { timerId, purpose, path } = e.data;
  d.timers = put(d.timers, timerKey(purpose, path), { timerId, purpose, path, dueAt: Date.parse(e.data.dueAt) });
  d.timerSeq += 1;
}

export function onTimerFired(d: StateDraft, e: EventOfType<'TimerFired'>): void {
  const { timerId, purpose, path } = e.data;
  if (purpose === 'flowTimeout') {
    startCleanup(d);
    return;
  }
  const key = timerKey(purpose, path);
  if (d.timers[key]?.timerId === timerId) d.timers = drop(d.timers, key);
}

/** Flow timeout: everything running is cancelled; the cleanup scope gets the flow's input and local. */
function startCleanup(d: StateDraft): void {
  const flow = d.scopes[FLOW_SCOPE];
  pruneAll(d);
  d.cleanup = true;
  d.scopes = {
    [CLEANUP_SCOPE]: { kind: 'cleanup', owner: '', index: -1, route: ['onTimeout'], input: flow?.input ?? d.input, local: flow?.local ?? {} },
  };
}
