import type { TimerPurpose } from './events';

/** Scope path of the flow's top-level steps. */
export const FLOW_SCOPE = '';
/** Scope path of the `onTimeout` cleanup steps (their step paths read `onTimeout/<name>`). */
export const CLEANUP_SCOPE = 'onTimeout';

/** The runtime path of a step named `name` in scope `scope` (SPEC Part A §2). */
export function stepPath(scope: string, name: string): string {
  return scope === FLOW_SCOPE ? name : `${scope}/${name}`;
}

/** The scope path a step path belongs to, given the step's name. */
export function scopeOfStep(path: string, name: string): string {
  return path.length === name.length ? FLOW_SCOPE : path.slice(0, path.length - name.length - 1);
}

export function branchScope(stepPathValue: string, index: number): string {
  return `${stepPathValue}/branch[${index}]`;
}

export function iterationScope(stepPathValue: string, index: number): string {
  return `${stepPathValue}/iteration[${index}]`;
}

export function choiceScope(stepPathValue: string, branch: number | 'default'): string {
  return branch === 'default' ? `${stepPathValue}/default` : `${stepPathValue}/choices[${branch}]`;
}

/** `<executionId>:<path>:<n>`: unique within an execution across loops and retries. */
export function taskIdOf(executionId: string, path: string, n: number): string {
  return `${executionId}:${path}:${n}`;
}

/** `<executionId>:<purpose>:<path>:<seq>` where `seq` counts every timer of the execution. */
export function timerIdOf(executionId: string, purpose: TimerPurpose, path: string, seq: number): string {
  return `${executionId}:${purpose}:${path}:${seq}`;
}

/** Key of a pending timer in `ExecutionState.timers`: at most one timer per purpose and path. */
export function timerKey(purpose: TimerPurpose, path: string): string {
  return `${purpose}:${path}`;
}

/** The `timers` key a timer id of this execution belongs to; `undefined` if it is not one. */
export function timerKeyOfId(executionId: string, timerId: string): string | undefined {
  const prefix = `${executionId}:`;
  const lastColon = timerId.lastIndexOf(':');
  if (!timerId.startsWith(prefix) || lastColon < prefix.length) return undefined;
  return timerId.slice(prefix.length, lastColon);
}

/** Splits a task id of this execution into path and sequence number; `undefined` if it is not one. */
export function parseTaskId(executionId: string, taskId: string): { path: string; n: number } | undefined {
  const prefix = `${executionId}:`;
  const lastColon = taskId.lastIndexOf(':');
  if (!taskId.startsWith(prefix) || lastColon < prefix.length) return undefined;
  const digits = taskId.slice(lastColon + 1);
  const n = Number(digits);
  if (!Number.isSafeInteger(n) || n < 1 || String(n) !== digits) return undefined;
  return { path: taskId.slice(prefix.length, lastColon), n };
}
