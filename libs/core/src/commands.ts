import type { JsonObject } from './json';
import type { ParentLink, TriggerInfo } from './events';

/**
 * Commands to an execution. Everything the core would otherwise read from the outside world —
 * the time (`now`, epoch milliseconds) and ids — arrives inside the command.
 */
export type ExecutionCommand =
  | Cmd<'StartExecution', {
      executionId: string; executionName: string; flowName: string; flowVersion: number;
      input: JsonObject; trigger: TriggerInfo; parent?: ParentLink;
    }>
  | Cmd<'ReportTaskSucceeded', { taskId: string; output: unknown }>
  | Cmd<'ReportTaskFailed', { taskId: string; error: string; cause?: string }>
  | Cmd<'ReportTaskHeartbeat', { taskId: string }>
  | Cmd<'RecordTaskSubmitted', { taskId: string }>
  | Cmd<'RecordTaskSubmitFailed', { taskId: string; error: string; cause?: string }>
  | Cmd<'RecordChildStarted', { taskId: string; flowName: string; executionName: string }>
  | Cmd<'FireTimer', { timerId: string }>
  | Cmd<'StopExecution', { error?: string; cause?: string }>;

/** One command type with its payload and the time it was issued. */
export interface Cmd<T extends string, D> {
  readonly type: T;
  /** Epoch milliseconds: the only clock the core knows. */
  readonly now: number;
  readonly data: D;
}

export type ExecutionCommandType = ExecutionCommand['type'];
