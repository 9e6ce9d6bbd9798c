import { Pool, type PoolClient } from 'pg';
import type { JsonValue } from '@ordo/core';
import type { RecordedEvent } from '@ordo/runtime';
import { decodeEventCursor, encodeEventCursor, encodeExecutionCursor } from '../cursor';
import { ReadModelError } from '../errors';
import { assembleFlowMetrics, resolveWindow, type HistogramCell } from '../metrics/flow-metrics';
import type { ExecutionEventRow, ExecutionRow, StepRunRow } from '../model';
import type {
  ApplyResult, Connection, EventQuery, ExecutionFilter, FlowMetrics, MetricsQuery, PageArgs, ReadModelStore,
} from '../ports';
import { prepareBatch } from '../prepare-batch';
import { projectBatch } from '../projection/batch';
import { statusCounter } from '../projection/changes';
import { countableFromCounters, eventsWhere, executionsWhere } from '../sql/filters';
import { pageSize, toConnection } from '../sql/paging';
import { toEventRow, toExecutionRow, toStepRunRow, type DbRow } from '../sql/rows';
import { POSTGRES_SCHEMA, POSTGRES_VIEW_TABLES } from './postgres-schema';
import { lockExecutions, loadViewStates, writeBatch } from './postgres-writes';

const decode = (v: unknown): JsonValue => v as JsonValue;
const placeholder = (i: number): string => `$${i}`;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Options of the PostgreSQL read-model store. */
export interface PostgresReadModelOptions {
  /** `postgres://…` (ORDO_READ_DB). */
  readonly connectionString: string;
  /** Schema holding the views (created when missing); default `ordo_read`. */
  readonly schema?: string;
  /** Pool size; default 4. */
  readonly maxConnections?: number;
}

/**
 * The distributed ReadModelStore on PostgreSQL. `apply` is one transaction: advisory locks on the
 * batch's executions, load their view states, project, multi-row upserts, checkpoint.
 */
export class PostgresReadModelStore implements ReadModelStore {
  private closed = false;

  private constructor(private readonly pool: Pool, readonly schema: string) {}

  /** Connects, creates the schema and tables when missing, and returns the store. */
  static async open(options: PostgresReadModelOptions): Promise<PostgresReadModelStore> {
    const schema = options.schema ?? 'ordo_read';
    if (!SCHEMA_NAME.test(schema)) {
      throw new ReadModelError('READ.INVALID_ARGUMENT', `Schema name "${schema}" must match ${SCHEMA_NAME.source}.`);
    }
    const pool = new Pool({
      connectionString: options.connectionString, max: options.maxConnections ?? 4, options: `-c search_path=${schema}`,
    });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead
    const store = new PostgresReadModelStore(pool, schema);
    await store.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('ordo_read_schema'))");
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(POSTGRES_SCHEMA);
    }).catch(async (e: unknown) => { await pool.end(); throw e; });
    return store;
  }

  async apply(events: readonly RecordedEvent[]): Promise<ApplyResult> {
    const { projectable, position } = prepareBatch(events);
    const ids = [...new Set(projectable.map((e) => e.executionId))];
    return this.transaction(async (client) => {
      await lockExecutions(client, ids);
      const batch = projectBatch(await loadViewStates(client, ids), projectable);
      await writeBatch(client, batch, position);
      const checkpoint = await readCheckpoint(client);
      return { applied: batch.applied, skipped: batch.skipped + events.length - projectable.length, checkpoint };
    });
  }

  async checkpoint(): Promise<number> {
    return Number((await this.query('SELECT position FROM projection_checkpoint WHERE id = 1'))[0]?.position ?? 0);
  }

  async getExecution(flowName: string, executionName: string): Promise<ExecutionRow | null> {
    const rows = await this.query('SELECT * FROM executions WHERE flow_name = $1 AND execution_name = $2', [flowName, executionName]);
    return rows[0] ? toExecutionRow(rows[0], decode) : null;
  }

  async getExecutionById(executionId: string): Promise<ExecutionRow | null> {
    const rows = await this.query('SELECT * FROM executions WHERE execution_id = $1', [executionId]);
    return rows[0] ? toExecutionRow(rows[0], decode) : null;
  }

  async listExecutions(filter: ExecutionFilter, page: PageArgs = {}): Promise<Connection<ExecutionRow>> {
    const size = pageSize(page.first);
    const where = executionsWhere(filter, page.after, placeholder);
    const [rows, total] = await Promise.all([
      this.query(`SELECT * FROM executions ${where.sql} ORDER BY started_at DESC, execution_id DESC LIMIT ${size + 1}`, where.params),
      page.withTotalCount === false ? null : this.countExecutions(filter),
    ]);
    return toConnection(rows.map((r) => toExecutionRow(r, decode)), size,
      (r) => encodeExecutionCursor(r.startedAt, r.executionId), total);
  }

  async listEvents(executionId: string, query: EventQuery = {}): Promise<Connection<ExecutionEventRow>> {
    const size = pageSize(query.first);
    const where = eventsWhere(executionId, query, placeholder);
    const after = query.after ? decodeEventCursor(query.after) : 0;
    const [rows, counted] = await Promise.all([
      this.query(`SELECT * FROM execution_events ${where.sql} AND event_id > $${where.params.length + 1}
        ORDER BY event_id LIMIT ${size + 1}`, [...where.params, after]),
      query.withTotalCount === false ? null : this.query(`SELECT COUNT(*) AS n FROM execution_events ${where.sql}`, where.params),
    ]);
    const total = counted === null ? null : Number(counted[0].n);
    return toConnection(rows.map((r) => toEventRow(r, decode)), size, (r) => encodeEventCursor(r.eventId), total);
  }

  async listStepRuns(executionId: string): Promise<StepRunRow[]> {
    const rows = await this.query('SELECT * FROM step_runs WHERE execution_id = $1 ORDER BY run_id', [executionId]);
    return rows.map((r) => toStepRunRow(r, decode));
  }

  async flowMetrics(flowName: string, query: MetricsQuery = {}): Promise<FlowMetrics> {
    const window = resolveWindow(query.window, query.now ?? new Date());
    const [counterRows, overdueRows, cellRows] = await Promise.all([
      this.query('SELECT name, value FROM flow_counters WHERE flow_name = $1', [flowName]),
      this.query(`SELECT COUNT(*) AS n FROM executions WHERE flow_name = $1 AND status = 'Running' AND deadline_at < $2`,
        [flowName, window.now.toISOString()]),
      this.query(`SELECT path, step_name, bucket, SUM(count) AS count FROM flow_durations
        WHERE flow_name = $1 AND minute BETWEEN $2 AND $3 GROUP BY path, step_name, bucket`,
      [flowName, window.fromMinute, window.toMinute]),
    ]);
    const counters = new Map(counterRows.map((r) => [String(r.name), Number(r.value)] as const));
    const cells = cellRows.map((r): HistogramCell => ({
      path: String(r.path), stepName: String(r.step_name), bucket: Number(r.bucket), count: Number(r.count),
    }));
    return assembleFlowMetrics(flowName, window, { counters, overdue: Number(overdueRows[0].n), cells });
  }

  async children(executionId: string): Promise<ExecutionRow[]> {
    const rows = await this.query(
      'SELECT * FROM executions WHERE parent_execution_id = $1 ORDER BY started_at, execution_id', [executionId]);
    return rows.map((r) => toExecutionRow(r, decode));
  }

  async reset(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(`TRUNCATE ${POSTGRES_VIEW_TABLES.join(', ')}`);
      await client.query('UPDATE projection_checkpoint SET position = 0');
    });
  }

  /** Drops the store's schema and everything in it (tests use a throwaway schema per run). */
  async dropSchema(): Promise<void> {
    await this.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async countExecutions(filter: ExecutionFilter): Promise<number> {
    if (!countableFromCounters(filter)) {
      const where = executionsWhere(filter, null, placeholder);
      return Number((await this.query(`SELECT COUNT(*) AS n FROM executions ${where.sql}`, where.params))[0].n);
    }
    const params: unknown[] = [];
    let sql = 'SELECT COALESCE(SUM(value), 0) AS n FROM flow_counters WHERE ';
    if (filter.status !== undefined) { params.push(statusCounter(filter.status)); sql += `name = $${params.length}`; }
    else { sql += "name >= 'status:' AND name < 'status;'"; }
    if (filter.flowName !== undefined) { params.push(filter.flowName); sql += ` AND flow_name = $${params.length}`; }
    return Number((await this.query(sql, params))[0].n);
  }

  private async query(sql: string, params: unknown[] = []): Promise<DbRow[]> {
    this.assertOpen();
    try {
      return (await this.pool.query(sql, params)).rows as DbRow[];
    } catch (e) {
      throw translate(e);
    }
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    this.assertOpen();
    const client = await this.pool.connect().catch((e: unknown) => { throw translate(e); });
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw translate(e);
    } finally {
      client.release();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ReadModelError('READ.CLOSED', `The PostgreSQL read-model store (schema ${this.schema}) is closed.`);
  }
}

async function readCheckpoint(client: PoolClient): Promise<number> {
  const result = await client.query('SELECT position FROM projection_checkpoint WHERE id = 1');
  return Number(result.rows[0]?.position ?? 0);
}

const RETRYABLE_SQLSTATE = /^(08|40|53|57P)/;

/**
 * Driver errors become `READ.UNAVAILABLE` at this edge: retryable for lost connections, deadlocks,
 * serialization failures and resource exhaustion. Every other error passes through unchanged.
 */
function translate(e: unknown): unknown {
  if (typeof e !== 'object' || e === null) return e;
  const { code, severity, message } = e as { code?: unknown; severity?: unknown; message?: unknown };
  const isDatabaseError = typeof severity === 'string' && typeof code === 'string';
  const isNetworkError = typeof code === 'string' && /^E[A-Z]+$/.test(code);
  if (!isDatabaseError && !isNetworkError) return e;
  const retryable = isNetworkError || RETRYABLE_SQLSTATE.test(String(code));
  return new ReadModelError('READ.UNAVAILABLE',
    `PostgreSQL read-model query failed with ${String(code)}: ${String(message)}.`, retryable, { cause: e });
}
