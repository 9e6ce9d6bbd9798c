import type { JsonObject } from './json';
import type { CompiledResource, TaskPattern } from './flow';
import type { ParentLink, TimerPurpose } from './events';

/**
 * The string that stands for `$context.task.token` inside the core. Tokens are secrets, so they
 * never enter events: the runtime mints the real token for the task id and substitutes it for
 * this placeholder (an exact string match) in the task input and service params at dispatch.
 */
export const TASK_TOKEN_PLACEHOLDER = '$ordo:task-token';

/**
 * What the outside world must do for an execution to progress. Every intent has an `id` that is
 * deterministic, so dispatching it twice (after a crash) is harmless. Intents carry `kind`.
 */
export type Intent = DispatchTaskIntent | StartTimerIntent | NotifyParentIntent;

/** Run one task attempt. `id` equals `taskId`: `<executionId>:<path>:<n>`, unique per execution. */
export interface DispatchTaskIntent {
  readonly kind: 'DispatchTask';
  readonly id: string;
  readonly taskId: string;
  readonly executionId: string;
  readonly path: string;
  readonly stepName: string;
  readonly attempt: number;
  readonly resource: CompiledResource;
  readonly pattern: TaskPattern;
  readonly input: JsonObject;
  readonly serviceParams?: JsonObject;
  /** Epoch ms after which the attempt times out (the runtime may abort the call then). */
  readonly timeoutAt?: number;
  /** True once the runtime recorded `TaskSubmitted` (waitForCallback): do not submit again. */
  readonly submitted: boolean;
}

/** Arm a durable timer; firing it means sending `FireTimer {timerId}` at or after `dueAt`. */
export interface StartTimerIntent {
  readonly kind: 'StartTimer';
  readonly id: string;
  readonly timerId: string;
  readonly executionId: string;
  readonly dueAt: number;
  readonly purpose: TimerPurpose;
  readonly path: string;
}

/** A finished child execution reports to the parent task that waits for it (sync / waitForCallback). */
export interface NotifyParentIntent {
  readonly kind: 'NotifyParent';
  readonly id: string;
  readonly parent: ParentLink;
  readonly status: 'Succeeded' | 'Failed' | 'TimedOut' | 'Stopped';
  readonly output?: JsonObject;
  readonly error?: string;
  readonly cause?: string;
}
