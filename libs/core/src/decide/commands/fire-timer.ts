import type { ExecutionCommand } from '../../commands';
import type { Rejection } from '../../decision';
import type { CompiledTaskStep } from '../../flow';
import type { PendingTimer, TaskFrame } from '../../execution-state';
import { CLEANUP_SCOPE, timerKeyOfId } from '../../paths';
import type { Run } from '../run';
import { flowTimeoutCause } from '../scope-end';
import { scheduleAttempt } from '../start-task';
import { FNF_TASK_TIMEOUT, FNF_TIMEOUT } from '../step-data';
import { handleTaskError } from '../task-errors';
import { notRunning } from './rejections';

type Fire = Extract<ExecutionCommand, { type: 'FireTimer' }>;

/** A due timer fired: what it means depends on its purpose. Stale or early timers are rejected. */
export function fireTimer(run: Run, command: Fire): Rejection | undefined {
  const { timerId } = command.data;
  const stopped = notRunning(run.state, `timer "${timerId}"`);
  if (stopped !== undefined) return stopped;
  const key = timerKeyOfId(run.state.executionId, timerId);
  const pending = key === undefined ? undefined : run.state.timers[key];
  const timer = pending?.timerId === timerId ? pending : undefined;
  if (timer === undefined) {
    return { code: 'CORE.STALE_TIMER', message: `Timer "${timerId}" is not pending (it fired already, was replaced or was cancelled).` };
  }
  if (command.now < timer.dueAt) {
    return { code: 'CORE.TIMER_NOT_DUE', message: `Timer "${timerId}" is due at ${new Date(timer.dueAt).toISOString()}, not yet at ${run.at}.` };
  }
  run.emit('TimerFired', { timerId, purpose: timer.purpose, path: timer.path });
  onFired(run, timer);
  return undefined;
}

function onFired(run: Run, timer: PendingTimer): void {
  switch (timer.purpose) {
    case 'wait': run.push({ kind: 'succeed', path: timer.path, local: {} }); return;
    case 'retry': {
      const frame = run.state.steps[timer.path] as TaskFrame;
      scheduleAttempt(run, frame, run.stepOf(frame).step as CompiledTaskStep, frame.attempt);
      return;
    }
    case 'taskTimeout': case 'heartbeat': return timeOutTask(run, timer);
    case 'flowTimeout':
      if ((run.flow.onTimeout ?? []).length > 0) run.push({ kind: 'enter', scope: CLEANUP_SCOPE, index: 0 });
      else run.emit('ExecutionTimedOut', { error: FNF_TIMEOUT, cause: flowTimeoutCause(run) });
  }
}

function timeOutTask(run: Run, timer: PendingTimer): void {
  const frame = run.state.steps[timer.path] as TaskFrame;
  const task = run.state.tasks[frame.path];
  if (task === undefined) return;
  const cause = timer.purpose === 'heartbeat'
    ? `Task "${task.taskId}" at step "${task.path}" sent no heartbeat within ${task.heartbeatSeconds} s.`
    : `Task "${task.taskId}" at step "${task.path}" did not finish within its timeoutSeconds.`;
  run.emit('TaskTimedOut', { path: task.path, taskId: task.taskId, attempt: task.attempt, error: FNF_TASK_TIMEOUT, cause });
  handleTaskError(run, task.path, FNF_TASK_TIMEOUT, cause);
}
