import type { ExecutionDescription } from '../engine/execution-description';
import type { StartExecutionRequest } from '../engine/engine';

/** The part of the engine that triggers and schedules need (the `Engine` satisfies it). */
export interface ExecutionStarter {
  startExecution(request: StartExecutionRequest): Promise<ExecutionDescription>;
  describeExecution(flowName: string, executionName: string): Promise<ExecutionDescription>;
}
