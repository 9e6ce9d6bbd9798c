import type { JsonObject, JsonValue } from './json';
import type { CompiledResource, StepType, TaskPattern } from './flow';

/** Why an execution was started (API call, Kafka trigger, schedule, parent flow). */
export interface TriggerInfo {
  readonly kind: 'api' | 'kafka' | 'schedule' | 'parent' | 'cli';
  readonly source?: string;
}

/** Link from a child execution to the parent task waiting for it. */
export interface ParentLink {
  readonly executionId: string;
  readonly flowName: string;
  readonly executionName: string;
  readonly taskId: string;
  readonly pattern: TaskPattern;
}

/** What a timer is for; the core decides what firing it means. */
export type TimerPurpose = 'wait' | 'retry' | 'taskTimeout' | 'heartbeat' | 'flowTimeout';

/**
 * Every execution event. Times are ISO-8601 strings (`at`), taken from the command that caused
 * the event, so a fold never reads a clock. `path` is the step's runtime path
 * (`order/branch[1]/charge`, `items/iteration[3]/resize`, `check/choices[0]/notify`).
 */
export type ExecutionEvent =
  | Ev<'ExecutionStarted', {
      executionId: string; executionName: string; flowName: string; flowVersion: number;
      input: JsonObject; trigger: TriggerInfo; parent?: ParentLink; deadlineAt?: string;
      /** The core's decision-logic version, so old executions replay under old rules. */
      decisionVersion: number;
    }>
  | Ev<'StepEntered', { path: string; name: string; stepType: StepType; input: JsonValue; local: JsonValue }>
  | Ev<'StepStarted', { path: string; input: JsonObject }>
  | Ev<'TaskScheduled', {
      path: string; taskId: string; attempt: number; resource: CompiledResource; pattern: TaskPattern;
      input: JsonObject; serviceParams?: JsonObject; timeoutAt?: string; heartbeatSeconds?: number;
    }>
  | Ev<'TaskTokenIssued', { path: string; taskId: string; attempt: number }>
  | Ev<'TaskSubmitted', { path: string; taskId: string; attempt: number }>
  | Ev<'TaskSubmitFailed', { path: string; taskId: string; attempt: number; error: string; cause: string }>
  | Ev<'TaskStarted', { path: string; taskId: string; attempt: number }>
  | Ev<'TaskHeartbeat', { path: string; taskId: string; attempt: number; deadlineAt: string }>
  | Ev<'TaskSucceeded', { path: string; taskId: string; attempt: number; output: JsonObject }>
  | Ev<'TaskFailed', { path: string; taskId: string; attempt: number; error: string; cause: string }>
  | Ev<'TaskTimedOut', { path: string; taskId: string; attempt: number; error: string; cause: string }>
  | Ev<'RetryScheduled', { path: string; attempt: number; retrier: number; delayMs: number; dueAt: string; timerId: string; error: string; cause: string }>
  | Ev<'TimerStarted', { timerId: string; dueAt: string; purpose: TimerPurpose; path: string }>
  | Ev<'TimerFired', { timerId: string; purpose: TimerPurpose; path: string }>
  | Ev<'ChoiceEvaluated', { path: string; branch: number | 'default' | 'none'; condition?: string }>
  | Ev<'BranchEntered', { path: string; index: number; input: JsonObject }>
  | Ev<'BranchExited', { path: string; index: number; local: JsonObject }>
  | Ev<'BranchCancelled', { path: string; index: number; error: string }>
  | Ev<'IterationEntered', { path: string; index: number; input: JsonObject }>
  | Ev<'IterationExited', { path: string; index: number; local: JsonObject }>
  | Ev<'StepSucceeded', { path: string; output: JsonObject }>
  | Ev<'StepFailed', { path: string; error: string; cause: string }>
  | Ev<'CatchMatched', { path: string; error: string; catcher: number; goto: string }>
  | Ev<'StepExited', { path: string; local: JsonValue }>
  | Ev<'ChildExecutionStarted', { path: string; taskId: string; flowName: string; executionName: string }>
  | Ev<'ChildExecutionFinished', { path: string; taskId: string; status: string }>
  | Ev<'ExecutionSucceeded', { output: JsonObject }>
  | Ev<'ExecutionFailed', { error: string; cause: string }>
  | Ev<'ExecutionTimedOut', { error: string; cause: string }>
  | Ev<'ExecutionStopped', { error: string; cause: string }>
  | Ev<'ExecutionRedriven', { fromEventId: number }>;

/** One event type with its payload. */
export interface Ev<T extends string, D> {
  readonly type: T;
  readonly at: string;
  readonly data: D;
}

export type ExecutionEventType = ExecutionEvent['type'];

/** The event of a given type. */
export type EventOfType<T extends ExecutionEventType> = Extract<ExecutionEvent, { type: T }>;

/** Types that end an execution. */
export const TERMINAL_EVENT_TYPES: ReadonlySet<ExecutionEventType> = new Set([
  'ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionStopped',
]);
