import type Database from 'better-sqlite3';
import type { JsonValue } from '@ordo/core';
import type { BatchWrite } from '../projection/batch';
import { EMPTY_VIEW_STATE, type ExecutionViewState } from '../projection/changes';
import {
  EVENT_COLUMNS, EXECUTION_COLUMNS, STEP_RUN_COLUMNS, eventValues, executionValues, stepRunValues,
  toExecutionRow, toStepRunRow, type DbRow,
} from '../sql/rows';
import type { StepRunRow } from '../model';

const encode = (v: JsonValue): string => JSON.stringify(v);
const decode = (v: unknown): JsonValue => JSON.parse(String(v)) as JsonValue;

function upsert(table: string, columns: readonly string[], keyCount: number): string {
  const updates = columns.slice(keyCount).map((c) => `${c} = excluded.${c}`).join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
    ON CONFLICT (${columns.slice(0, keyCount).join(', ')}) DO UPDATE SET ${updates}`;
}

/** Prepared statements that load view states and write a projected batch, inside one transaction. */
export class SqliteViewWriter {
  private readonly loadExecutions: Database.Statement;
  private readonly loadOpenRuns: Database.Statement;
  private readonly upsertExecution: Database.Statement;
  private readonly insertEvent: Database.Statement;
  private readonly upsertStepRun: Database.Statement;
  private readonly addCounter: Database.Statement;
  private readonly addDuration: Database.Statement;
  private readonly advanceCheckpoint: Database.Statement;

  constructor(db: Database.Database) {
    this.loadExecutions = db.prepare('SELECT * FROM executions WHERE execution_id IN (SELECT value FROM json_each(?))');
    this.loadOpenRuns = db.prepare(
      'SELECT * FROM step_runs WHERE closed = 0 AND execution_id IN (SELECT value FROM json_each(?)) ORDER BY run_id');
    this.upsertExecution = db.prepare(upsert('executions', EXECUTION_COLUMNS, 1));
    this.insertEvent = db.prepare(
      `INSERT OR IGNORE INTO execution_events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`);
    this.upsertStepRun = db.prepare(upsert('step_runs', STEP_RUN_COLUMNS, 2));
    this.addCounter = db.prepare(`INSERT INTO flow_counters (flow_name, name, value) VALUES (?, ?, ?)
      ON CONFLICT (flow_name, name) DO UPDATE SET value = value + excluded.value`);
    this.addDuration = db.prepare(`INSERT INTO flow_durations (flow_name, minute, path, bucket, step_name, count)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (flow_name, minute, path, bucket) DO UPDATE SET count = count + excluded.count`);
    this.advanceCheckpoint = db.prepare('UPDATE projection_checkpoint SET position = MAX(position, ?) WHERE id = 1');
  }

  /** The view states of the given executions (absent ones are simply not in the map). */
  load(executionIds: readonly string[]): Map<string, ExecutionViewState> {
    const ids = JSON.stringify(executionIds);
    const states = new Map<string, ExecutionViewState>();
    for (const row of this.loadExecutions.all(ids) as DbRow[]) {
      const execution = toExecutionRow(row, decode);
      states.set(execution.executionId, { execution, openRuns: new Map() });
    }
    const runs = new Map<string, Map<string, StepRunRow>>();
    for (const row of this.loadOpenRuns.all(ids) as DbRow[]) {
      const run = toStepRunRow(row, decode);
      const byPath = runs.get(run.executionId) ?? new Map<string, StepRunRow>();
      byPath.set(run.path, run);
      runs.set(run.executionId, byPath);
    }
    for (const [id, byPath] of runs) {
      states.set(id, { ...(states.get(id) ?? EMPTY_VIEW_STATE), openRuns: byPath });
    }
    return states;
  }

  /** Writes one coalesced batch and moves the checkpoint forward to `position`. */
  write(batch: BatchWrite, position: number): void {
    for (const e of batch.events) this.insertEvent.run(eventValues(e, encode));
    for (const r of batch.stepRuns) this.upsertStepRun.run(stepRunValues(r, encode));
    for (const x of batch.executions) this.upsertExecution.run(executionValues(x, encode));
    for (const c of batch.counters) this.addCounter.run(c.flowName, c.name, c.delta);
    for (const h of batch.histograms) this.addDuration.run(h.flowName, h.minute, h.path, h.bucket, h.stepName, h.count);
    this.advanceCheckpoint.run(position);
  }
}
