import type { ExecutionStatus, JsonObject, JsonValue } from '@ordo/core';

/** Status of an execution as the `executions` view shows it (never `NotStarted`). */
export type ExecutionViewStatus = Exclude<ExecutionStatus, 'NotStarted'>;

/** One row of the `executions` view. Times are canonical ISO-8601 UTC strings. */
export interface ExecutionRow {
  readonly executionId: string;
  readonly flowName: string;
  readonly flowVersion: number;
  readonly executionName: string;
  readonly status: ExecutionViewStatus;
  readonly input: JsonObject;
  readonly output: JsonObject | null;
  readonly error: string | null;
  readonly cause: string | null;
  readonly startedAt: string;
  readonly stoppedAt: string | null;
  readonly deadlineAt: string | null;
  readonly parentExecutionId: string | null;
  readonly triggerKind: string;
  readonly triggerSource: string | null;
  /** Revision (0-based) of the last event folded into this row and its execution's other rows. */
  readonly lastRevision: number;
}

/** One row of the `execution_events` view: the audit trail, in Alibaba's history shape plus path and attempt. */
export interface ExecutionEventRow {
  readonly executionId: string;
  /** 1-based, `revision + 1`, as Alibaba's `EventId`. */
  readonly eventId: number;
  readonly type: string;
  readonly time: string;
  /** Empty string for execution-level events. */
  readonly stepName: string;
  /** Empty string for execution-level events. */
  readonly path: string;
  readonly attempt: number | null;
  /** The event's payload without the fields already in columns (`path`, `name`, `attempt`). */
  readonly detail: JsonObject;
}

/** Status of one step attempt. `Cancelled`: its branch, iteration or execution ended first. */
export type StepRunStatus = 'Running' | 'Succeeded' | 'Failed' | 'TimedOut' | 'Cancelled';

/** One row of the `step_runs` view: one step attempt. */
export interface StepRunRow {
  readonly executionId: string;
  /** Revision of the event that opened this attempt (StepEntered, or TaskScheduled for a retry). */
  readonly runId: number;
  readonly path: string;
  readonly stepName: string;
  readonly stepType: string;
  /** The task attempt number as the core records it; 1 for steps that are not tasks. */
  readonly attempt: number;
  readonly status: StepRunStatus;
  readonly input: JsonValue;
  readonly output: JsonValue;
  readonly error: string | null;
  readonly cause: string | null;
  readonly enteredAt: string;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  /** Retries before this attempt (0 for the first attempt). */
  readonly retries: number;
  /** True once no later event of the execution can change this row. */
  readonly closed: boolean;
}

/** The four views, as named by `ordo reproject --view`. */
export type ViewName = 'executions' | 'execution_events' | 'step_runs' | 'flow_metrics';
