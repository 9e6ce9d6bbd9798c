import type { ExecutionStatus, JsonObject, TriggerInfo } from '@ordo/core';
import type { ExecutionState } from './execution-state';

/** An execution as DescribeExecution shows it, read from the event store (always current). */
export interface ExecutionDescription {
  readonly executionId: string;
  readonly flowName: string;
  readonly executionName: string;
  readonly flowVersion: number;
  readonly status: ExecutionStatus;
  readonly input: JsonObject;
  readonly output?: JsonObject;
  readonly error?: string;
  readonly cause?: string;
  readonly startedAt?: string;
  readonly stoppedAt?: string;
  /** What started the execution (API, Kafka trigger with its source, schedule, parent, CLI). */
  readonly trigger?: TriggerInfo;
}

/** The description of an execution state. */
export function describeState(state: ExecutionState): ExecutionDescription {
  return {
    executionId: state.executionId, flowName: state.flowName, executionName: state.executionName,
    flowVersion: state.flowVersion, status: state.status, input: state.input,
    ...(state.output !== undefined ? { output: state.output } : {}),
    ...(state.error !== undefined ? { error: state.error } : {}),
    ...(state.cause !== undefined ? { cause: state.cause } : {}),
    ...(state.startedAt !== undefined ? { startedAt: state.startedAt } : {}),
    ...(state.stoppedAt !== undefined ? { stoppedAt: state.stoppedAt } : {}),
    ...(state.trigger !== undefined ? { trigger: state.trigger } : {}),
  };
}
