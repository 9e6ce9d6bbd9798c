import type { ExecutionRow } from '@ordo/read-models';
import { ExecutionStatusEnum, type ExecutionModel } from '../../models/execution.model';

/** An `executions` view row as the API's Execution. */
export function executionModelOf(row: ExecutionRow): ExecutionModel {
  return {
    flowName: row.flowName, executionName: row.executionName, status: row.status as ExecutionStatusEnum, flowVersion: row.flowVersion,
    input: row.input, output: row.output ?? undefined, error: row.error ?? undefined, cause: row.cause ?? undefined,
    startedAt: row.startedAt, stoppedAt: row.stoppedAt ?? undefined,
  };
}
