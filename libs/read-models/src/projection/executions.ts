import type { JsonObject } from '@ordo/core';
import { ReadModelError } from '../errors';
import type { ExecutionRow, ExecutionViewStatus } from '../model';
import type { ProjectableEvent } from '../projectable';
import { COUNTERS, statusCounter, type RowChange } from './changes';
import { elapsedMs, obj, str } from './fields';
import { minuteOf } from '../metrics/window';

const TERMINAL: Readonly<Record<string, { status: ExecutionViewStatus; counter: string }>> = {
  ExecutionSucceeded: { status: 'Succeeded', counter: COUNTERS.succeeded },
  ExecutionFailed: { status: 'Failed', counter: COUNTERS.failed },
  ExecutionTimedOut: { status: 'TimedOut', counter: COUNTERS.timedOut },
  ExecutionStopped: { status: 'Stopped', counter: COUNTERS.stopped },
};

/**
 * Projects one event onto the `executions` row and the flow counters. Returns the new row
 * (every event advances `lastRevision`) and the changes to record.
 */
export function projectExecution(
  row: ExecutionRow | undefined,
  event: ProjectableEvent,
): { row: ExecutionRow; changes: RowChange[] } {
  if (event.type === 'ExecutionStarted') return started(event);
  if (row === undefined) {
    throw new ReadModelError('READ.INVALID_EVENT',
      `Event ${event.type} at revision ${event.revision} of execution ${event.executionId} comes before its ExecutionStarted.`);
  }
  const advanced = { ...row, lastRevision: event.revision };
  const terminal = TERMINAL[event.type];
  if (terminal !== undefined) return ended(advanced, event, terminal);
  if (event.type === 'ExecutionRedriven') return redriven(advanced);
  if (event.type === 'RetryScheduled') {
    return { row: advanced, changes: [counter(row.flowName, COUNTERS.retries, 1)] };
  }
  return { row: advanced, changes: [] };
}

function started(event: ProjectableEvent): { row: ExecutionRow; changes: RowChange[] } {
  const d = event.data;
  const trigger = obj(d, 'trigger');
  const parent = obj(d, 'parent');
  const flowName = str(d, 'flowName') ?? '';
  const row: ExecutionRow = {
    executionId: event.executionId,
    flowName,
    flowVersion: typeof d.flowVersion === 'number' ? d.flowVersion : 0,
    executionName: str(d, 'executionName') ?? event.executionId,
    status: 'Running',
    input: obj(d, 'input') ?? {},
    output: null,
    error: null,
    cause: null,
    startedAt: event.at,
    stoppedAt: null,
    deadlineAt: str(d, 'deadlineAt'),
    parentExecutionId: parent !== null && typeof parent.executionId === 'string' ? parent.executionId : null,
    triggerKind: trigger !== null && typeof trigger.kind === 'string' ? trigger.kind : 'api',
    triggerSource: trigger !== null && typeof trigger.source === 'string' ? trigger.source : null,
    lastRevision: event.revision,
  };
  return {
    row,
    changes: [counter(flowName, COUNTERS.started, 1), counter(flowName, statusCounter('Running'), 1)],
  };
}

function ended(
  row: ExecutionRow,
  event: ProjectableEvent,
  terminal: { status: ExecutionViewStatus; counter: string },
): { row: ExecutionRow; changes: RowChange[] } {
  const output: JsonObject | null = obj(event.data, 'output');
  const next: ExecutionRow = {
    ...row,
    status: terminal.status,
    output: terminal.status === 'Succeeded' ? output ?? {} : null,
    error: str(event.data, 'error'),
    cause: str(event.data, 'cause'),
    stoppedAt: event.at,
  };
  const changes: RowChange[] = [
    counter(row.flowName, terminal.counter, 1),
    ...statusMove(row.flowName, row.status, terminal.status),
    { kind: 'duration', sample: {
      flowName: row.flowName, path: '', stepName: '', minute: minuteOf(event.at),
      durationMs: elapsedMs(row.startedAt, event.at),
    } },
  ];
  return { row: next, changes };
}

function redriven(row: ExecutionRow): { row: ExecutionRow; changes: RowChange[] } {
  const next: ExecutionRow = { ...row, status: 'Running', output: null, error: null, cause: null, stoppedAt: null };
  return {
    row: next,
    changes: [counter(row.flowName, COUNTERS.redriven, 1), ...statusMove(row.flowName, row.status, 'Running')],
  };
}

function statusMove(flowName: string, from: ExecutionViewStatus, to: ExecutionViewStatus): RowChange[] {
  if (from === to) return [];
  return [counter(flowName, statusCounter(from), -1), counter(flowName, statusCounter(to), 1)];
}

function counter(flowName: string, name: string, delta: number): RowChange {
  return { kind: 'counter', flowName, name, delta };
}
