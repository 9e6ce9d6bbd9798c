import type { PoolClient } from 'pg';
import type { JsonValue } from '@ordo/core';
import type { StepRunRow } from '../model';
import type { BatchWrite } from '../projection/batch';
import { EMPTY_VIEW_STATE, type ExecutionViewState } from '../projection/changes';
import {
  EVENT_COLUMNS, EXECUTION_COLUMNS, STEP_RUN_COLUMNS, eventValues, executionValues, stepRunValues,
  toExecutionRow, toStepRunRow, type DbRow,
} from '../sql/rows';

/** Advisory-lock class id of per-execution projection locks ("ordo" read models). */
const LOCK_CLASS = 0x0d04ead;
const ROWS_PER_STATEMENT = 500;

const encode = (v: JsonValue): string => JSON.stringify(v);
const decode = (v: unknown): JsonValue => v as JsonValue;

/**
 * Serialises projectors per execution for the rest of the transaction (two consumers may hold
 * the same execution's events during a rebalance), locking in one global order to avoid deadlocks.
 */
export async function lockExecutions(client: PoolClient, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.query(`SELECT pg_advisory_xact_lock(${LOCK_CLASS}, k)
    FROM (SELECT DISTINCT hashtext(id) AS k FROM unnest($1::text[]) AS id ORDER BY k) AS keys`, [ids]);
}

/** The view states of the given executions. */
export async function loadViewStates(client: PoolClient, ids: readonly string[]): Promise<Map<string, ExecutionViewState>> {
  const states = new Map<string, ExecutionViewState>();
  if (ids.length === 0) return states;
  const executions = await client.query('SELECT * FROM executions WHERE execution_id = ANY($1::text[])', [ids]);
  for (const row of executions.rows as DbRow[]) {
    const execution = toExecutionRow(row, decode);
    states.set(execution.executionId, { execution, openRuns: new Map() });
  }
  const runs = await client.query(
    'SELECT * FROM step_runs WHERE NOT closed AND execution_id = ANY($1::text[]) ORDER BY execution_id, run_id', [ids]);
  const byExecution = new Map<string, Map<string, StepRunRow>>();
  for (const row of runs.rows as DbRow[]) {
    const run = toStepRunRow(row, decode);
    const byPath = byExecution.get(run.executionId) ?? new Map<string, StepRunRow>();
    byPath.set(run.path, run);
    byExecution.set(run.executionId, byPath);
  }
  for (const [id, byPath] of byExecution) states.set(id, { ...(states.get(id) ?? EMPTY_VIEW_STATE), openRuns: byPath });
  return states;
}

/** Writes one coalesced batch with multi-row statements and moves the checkpoint to `position`. */
export async function writeBatch(client: PoolClient, batch: BatchWrite, position: number): Promise<void> {
  await insertRows(client, 'execution_events', EVENT_COLUMNS, batch.events.map((e) => eventValues(e, encode)),
    'ON CONFLICT (execution_id, event_id) DO NOTHING');
  await insertRows(client, 'step_runs', STEP_RUN_COLUMNS, batch.stepRuns.map((r) => stepRunValues(r, encode)),
    upsertClause(STEP_RUN_COLUMNS, 2));
  await insertRows(client, 'executions', EXECUTION_COLUMNS, batch.executions.map((x) => executionValues(x, encode)),
    upsertClause(EXECUTION_COLUMNS, 1));
  await insertRows(client, 'flow_counters', ['flow_name', 'name', 'value'],
    batch.counters.map((c) => [c.flowName, c.name, c.delta]),
    'ON CONFLICT (flow_name, name) DO UPDATE SET value = flow_counters.value + EXCLUDED.value');
  await insertRows(client, 'flow_durations', ['flow_name', 'minute', 'path', 'bucket', 'step_name', 'count'],
    batch.histograms.map((h) => [h.flowName, h.minute, h.path, h.bucket, h.stepName, h.count]),
    'ON CONFLICT (flow_name, minute, path, bucket) DO UPDATE SET count = flow_durations.count + EXCLUDED.count');
  await client.query('UPDATE projection_checkpoint SET position = GREATEST(position, $1) WHERE id = 1', [position]);
}

function upsertClause(columns: readonly string[], keyCount: number): string {
  const updates = columns.slice(keyCount).map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  return `ON CONFLICT (${columns.slice(0, keyCount).join(', ')}) DO UPDATE SET ${updates}`;
}

async function insertRows(
  client: PoolClient, table: string, columns: readonly string[], rows: readonly unknown[][], conflict: string,
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    const tuples = chunk.map((values) => `(${values.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${conflict}`, params);
  }
}
