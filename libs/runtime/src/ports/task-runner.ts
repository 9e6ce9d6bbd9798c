import type { CompiledResource, JsonObject, TaskPattern } from '@ordo/core';

/** One task attempt as a runner sees it: the token is substituted into `input` and `serviceParams`. */
export interface TaskRequest {
  readonly taskId: string;
  readonly executionId: string;
  readonly executionName: string;
  readonly flowName: string;
  readonly stepName: string;
  readonly path: string;
  readonly attempt: number;
  readonly resource: CompiledResource;
  /** Where the work goes after resource mapping: `local:NAME`, `http(s)://…`, `kafka:TOPIC`, `acs:fnf:::flow/NAME`. */
  readonly target: string;
  readonly pattern: TaskPattern;
  /** The attempt's task token (a secret: never log it). */
  readonly token: string;
  readonly input: JsonObject;
  readonly serviceParams?: JsonObject;
  /** Epoch ms after which the attempt times out; the signal aborts then. */
  readonly timeoutAt?: number;
}

/**
 * What a runner reports for one attempt. `succeeded.output` is passed to the core unchecked (a
 * non-object becomes `FnF.InvalidLocal` there). `submitted`: the work was handed off and its result
 * arrives later through a report (a Kafka worker, a child flow). `none`: nothing to record (the
 * attempt was aborted). For `waitForCallback` tasks, `succeeded`/`submitted` record
 * `TaskSubmitted` (the return value is discarded) and `failed` records `TaskSubmitFailed`.
 */
export type TaskOutcome =
  | { readonly kind: 'succeeded'; readonly output: unknown }
  | { readonly kind: 'failed'; readonly error: string; readonly cause: string }
  | { readonly kind: 'submitted' }
  | { readonly kind: 'none' };

/** Where reports about tasks go (the engine); handlers get these through their context. */
export interface TaskReporter {
  reportTaskSucceeded(token: string, output: unknown): Promise<number>;
  reportTaskFailed(token: string, error: string, cause?: string): Promise<number>;
  reportTaskHeartbeat(token: string): Promise<number>;
}

/** What a runner gets besides the request: cancellation and the way back to the engine. */
export interface TaskRunContext {
  /** Aborts when the attempt is no longer wanted (timed out, cancelled, execution ended, engine closing). */
  readonly signal: AbortSignal;
  readonly reporter: TaskReporter;
}

/**
 * Runs task attempts of one target kind (ARCHITECTURE §1.3). Runners never throw for task errors:
 * they return `failed`. A thrown error means the runtime could not run the task at all (no
 * handler, bad configuration) and is surfaced to the operator.
 */
export interface TaskRunner {
  run(request: TaskRequest, context: TaskRunContext): Promise<TaskOutcome>;
}

/** Runner kinds, chosen from a task's resolved target. */
export type RunnerKind = 'local' | 'http' | 'kafka' | 'flow';
