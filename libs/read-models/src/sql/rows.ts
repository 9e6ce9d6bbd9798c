import type { JsonObject, JsonValue } from '@ordo/core';
import type { ExecutionEventRow, ExecutionRow, ExecutionViewStatus, StepRunRow, StepRunStatus } from '../model';

/** A database row as both drivers return it: column name → value. */
export type DbRow = Record<string, unknown>;

/** Turns a stored JSON column into a value: SQLite returns text, PostgreSQL's jsonb is parsed. */
export type JsonDecoder = (stored: unknown) => JsonValue;

/** Column lists, in the order the writers bind them. */
export const EXECUTION_COLUMNS = [
  'execution_id', 'flow_name', 'flow_version', 'execution_name', 'status', 'input', 'output', 'error', 'cause',
  'started_at', 'stopped_at', 'deadline_at', 'parent_execution_id', 'trigger_kind', 'trigger_source', 'last_revision',
] as const;
export const EVENT_COLUMNS = ['execution_id', 'event_id', 'type', 'time', 'step_name', 'path', 'attempt', 'detail'] as const;
export const STEP_RUN_COLUMNS = [
  'execution_id', 'run_id', 'path', 'step_name', 'step_type', 'attempt', 'status', 'input', 'output', 'error', 'cause',
  'entered_at', 'finished_at', 'duration_ms', 'retries', 'closed',
] as const;

/** Values of an execution row in EXECUTION_COLUMNS order; JSON columns go through `encode`. */
export function executionValues(r: ExecutionRow, encode: (v: JsonValue) => unknown): unknown[] {
  return [r.executionId, r.flowName, r.flowVersion, r.executionName, r.status, encode(r.input),
    r.output === null ? null : encode(r.output), r.error, r.cause, r.startedAt, r.stoppedAt, r.deadlineAt,
    r.parentExecutionId, r.triggerKind, r.triggerSource, r.lastRevision];
}

/** Values of an audit-trail row in EVENT_COLUMNS order. */
export function eventValues(r: ExecutionEventRow, encode: (v: JsonValue) => unknown): unknown[] {
  return [r.executionId, r.eventId, r.type, r.time, r.stepName, r.path, r.attempt, encode(r.detail)];
}

/** Values of a step run in STEP_RUN_COLUMNS order (`closed` as 0/1). */
export function stepRunValues(r: StepRunRow, encode: (v: JsonValue) => unknown): unknown[] {
  return [r.executionId, r.runId, r.path, r.stepName, r.stepType, r.attempt, r.status, encode(r.input),
    encode(r.output), r.error, r.cause, r.enteredAt, r.finishedAt, r.durationMs, r.retries, r.closed ? 1 : 0];
}

/** Reads an `executions` row. */
export function toExecutionRow(row: DbRow, decode: JsonDecoder): ExecutionRow {
  return {
    executionId: String(row.execution_id),
    flowName: String(row.flow_name),
    flowVersion: Number(row.flow_version),
    executionName: String(row.execution_name),
    status: String(row.status) as ExecutionViewStatus,
    input: decode(row.input) as JsonObject,
    output: row.output === null ? null : (decode(row.output) as JsonObject),
    error: nullableString(row.error),
    cause: nullableString(row.cause),
    startedAt: String(row.started_at),
    stoppedAt: nullableString(row.stopped_at),
    deadlineAt: nullableString(row.deadline_at),
    parentExecutionId: nullableString(row.parent_execution_id),
    triggerKind: String(row.trigger_kind),
    triggerSource: nullableString(row.trigger_source),
    lastRevision: Number(row.last_revision),
  };
}

/** Reads an `execution_events` row. */
export function toEventRow(row: DbRow, decode: JsonDecoder): ExecutionEventRow {
  return {
    executionId: String(row.execution_id),
    eventId: Number(row.event_id),
    type: String(row.type),
    time: String(row.time),
    stepName: String(row.step_name),
    path: String(row.path),
    attempt: row.attempt === null ? null : Number(row.attempt),
    detail: decode(row.detail) as JsonObject,
  };
}

/** Reads a `step_runs` row. */
export function toStepRunRow(row: DbRow, decode: JsonDecoder): StepRunRow {
  return {
    executionId: String(row.execution_id),
    runId: Number(row.run_id),
    path: String(row.path),
    stepName: String(row.step_name),
    stepType: String(row.step_type),
    attempt: Number(row.attempt),
    status: String(row.status) as StepRunStatus,
    input: decode(row.input),
    output: decode(row.output),
    error: nullableString(row.error),
    cause: nullableString(row.cause),
    enteredAt: String(row.entered_at),
    finishedAt: nullableString(row.finished_at),
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    retries: Number(row.retries),
    closed: Number(row.closed) === 1 || row.closed === true,
  };
}

function nullableString(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}
