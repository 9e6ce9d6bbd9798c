import type { JsonObject, JsonValue } from '@ordo/core';

/** Injection token of the engine the GraphQL resolvers and webhooks call. */
export const ORDO_ENGINE = Symbol('ORDO_ENGINE');

/** Execution status names as the API shows them (SPEC Part B §9). */
export type ApiExecutionStatus = 'Running' | 'Succeeded' | 'Failed' | 'TimedOut' | 'Stopped';

/** One deployed version of a flow. */
export interface FlowVersionView {
  readonly name: string;
  readonly version: number;
  readonly hash: string;
  /** ISO-8601 time the version was first deployed. */
  readonly deployedAt: string;
  readonly definition: string;
}

/** An execution as its event stream says it is now. */
export interface ExecutionView {
  readonly flowName: string;
  readonly executionName: string;
  readonly status: ApiExecutionStatus;
  readonly flowVersion: number;
  readonly input: JsonObject;
  readonly output?: JsonObject;
  readonly error?: string;
  readonly cause?: string;
  readonly startedAt?: string;
  readonly stoppedAt?: string;
}

/** One history event in Alibaba's shape (SPEC Part B §11) plus Ordo's step path and attempt. */
export interface HistoryEventView {
  readonly eventId: number;
  readonly scheduleEventId: number;
  readonly stepName: string;
  readonly type: string;
  readonly time: string;
  readonly detail: JsonValue;
  readonly path?: string;
  readonly attempt?: number;
}

/** A page of history; `nextToken` is absent on the last page. */
export interface HistoryPageView {
  readonly events: readonly HistoryEventView[];
  readonly nextToken?: string;
}

/** What a task report recorded. */
export interface ReportReceipt {
  readonly eventId: number;
}

/**
 * The engine as the API layer needs it. The server binds it to `@ordo/runtime`; resolvers and
 * webhooks only map transport arguments to these calls. Failures are errors with a dotted `code`
 * (`RUNTIME.*`, `FDL.*`, `API.*`), translated to API codes by `toApiError`.
 */
export interface OrdoEngineApi {
  deployFlow(name: string, definition: string): Promise<FlowVersionView>;
  startExecution(request: { flowName: string; input: JsonObject; executionName?: string }): Promise<ExecutionView>;
  stopExecution(request: { flowName: string; executionName: string; error?: string; cause?: string }): Promise<ExecutionView>;
  describeExecution(flowName: string, executionName: string): Promise<ExecutionView | undefined>;
  getExecutionHistory(
    flowName: string, executionName: string, page: { limit?: number; nextToken?: string },
  ): Promise<HistoryPageView>;
  reportTaskSucceeded(taskToken: string, output: JsonObject): Promise<ReportReceipt>;
  reportTaskFailed(taskToken: string, error: string, cause?: string): Promise<ReportReceipt>;
  reportTaskHeartbeat(taskToken: string): Promise<ReportReceipt>;
}
