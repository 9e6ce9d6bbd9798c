import type { ProjectableEvent } from '../projectable';
import type { ExecutionViewState, Projection, RowChange } from './changes';
import { auditRow } from './audit';
import { projectExecution } from './executions';
import { projectStepRuns } from './step-runs';

/**
 * Projects one event of an execution onto all four views: a pure function of the execution's
 * view state and the event, returning the next state and the row changes to persist. The caller
 * guarantees events arrive in revision order with none skipped (see `projectBatch`).
 */
export function projectEvent(state: ExecutionViewState, event: ProjectableEvent): Projection {
  const execution = projectExecution(state.execution, event);
  const runs = projectStepRuns(state.openRuns, event, execution.row.flowName);
  const changes: RowChange[] = [
    { kind: 'event', row: auditRow(event) },
    ...execution.changes,
    ...runs.changes,
    { kind: 'execution', row: execution.row },
  ];
  return { state: { execution: execution.row, openRuns: runs.openRuns }, changes };
}
