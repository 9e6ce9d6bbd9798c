import type { ApiExecutionStatus, ExecutionView, FlowVersionView, HistoryEventView, HistoryPageView, OrdoEngineApi, ReportReceipt } from '@ordo/api';
import type { JsonObject, JsonValue } from '@ordo/core';
import { isRuntimeError, substituteToken, type Engine, type ExecutionDescription, type HistoryEvent, type TokenService } from '@ordo/runtime';

/** Options of the API view over the engine. */
export interface RuntimeEngineApiOptions {
  /**
   * Show the real task token where history details hold the token placeholder (`TaskScheduled`
   * of a callback task), as Alibaba's history does. Off by default outside loopback.
   */
  readonly showTaskTokensInHistory: boolean;
}

/** The API's engine port over `@ordo/runtime`'s Engine: argument shapes and not-found mapping only. */
export class RuntimeEngineApi implements OrdoEngineApi {
  constructor(
    private readonly engine: Engine,
    private readonly tokens: TokenService,
    private readonly options: RuntimeEngineApiOptions,
  ) {}

  async deployFlow(name: string, definition: string): Promise<FlowVersionView> {
    const { version, hash, deployedAt } = await this.engine.deployFlow(name, definition);
    return { name, version, hash, deployedAt, definition };
  }

  async startExecution(request: { flowName: string; input: JsonObject; executionName?: string }): Promise<ExecutionView> {
    return toView(await this.engine.startExecution({ ...request, trigger: { kind: 'api' } }));
  }

  async stopExecution(request: { flowName: string; executionName: string; error?: string; cause?: string }): Promise<ExecutionView> {
    return toView(await this.engine.stopExecution(request.flowName, request.executionName, { error: request.error, cause: request.cause }));
  }

  async describeExecution(flowName: string, executionName: string): Promise<ExecutionView | undefined> {
    try {
      return toView(await this.engine.describeExecution(flowName, executionName));
    } catch (e) {
      if (isRuntimeError(e, 'RUNTIME.EXECUTION_NOT_FOUND')) return undefined;
      throw e;
    }
  }

  async getExecutionHistory(flowName: string, executionName: string, page: { limit?: number; nextToken?: string }): Promise<HistoryPageView> {
    const result = await this.engine.executionHistory(flowName, executionName, page);
    return { events: result.events.map((e) => this.toEventView(e)), nextToken: result.nextToken };
  }

  async reportTaskSucceeded(taskToken: string, output: JsonObject): Promise<ReportReceipt> {
    return { eventId: await this.engine.reportTaskSucceeded(taskToken, output) };
  }

  async reportTaskFailed(taskToken: string, error: string, cause?: string): Promise<ReportReceipt> {
    return { eventId: await this.engine.reportTaskFailed(taskToken, error, cause) };
  }

  async reportTaskHeartbeat(taskToken: string): Promise<ReportReceipt> {
    return { eventId: await this.engine.reportTaskHeartbeat(taskToken) };
  }

  private toEventView(event: HistoryEvent): HistoryEventView {
    const taskId = event.detail.taskId;
    const detail = this.options.showTaskTokensInHistory && typeof taskId === 'string'
      ? substituteToken(event.detail, this.tokens.issue(taskId))
      : event.detail;
    return {
      eventId: event.eventId, scheduleEventId: event.scheduleEventId, stepName: event.stepName, type: event.type, time: event.time,
      detail: detail as JsonValue, path: event.path === '' ? undefined : event.path, attempt: event.attempt,
    };
  }
}

function toView(d: ExecutionDescription): ExecutionView {
  return {
    flowName: d.flowName, executionName: d.executionName, status: d.status as ApiExecutionStatus, flowVersion: d.flowVersion,
    input: d.input, output: d.output, error: d.error, cause: d.cause, startedAt: d.startedAt, stoppedAt: d.stoppedAt,
  };
}
