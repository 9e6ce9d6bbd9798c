import Database from 'better-sqlite3';
import type { JsonValue } from '@ordo/core';
import type { RecordedEvent } from '@ordo/runtime';
import { encodeEventCursor, encodeExecutionCursor, decodeEventCursor } from '../cursor';
import { ReadModelError } from '../errors';
import { assembleFlowMetrics, resolveWindow, type HistogramCell } from '../metrics/flow-metrics';
import type { ExecutionEventRow, ExecutionRow, StepRunRow } from '../model';
import type {
  ApplyResult, Connection, EventQuery, ExecutionFilter, FlowMetrics, MetricsQuery, PageArgs, ReadModelStore,
} from '../ports';
import { projectBatch } from '../projection/batch';
import { statusCounter } from '../projection/changes';
import { prepareBatch } from '../prepare-batch';
import { countableFromCounters, eventsWhere, executionsWhere } from '../sql/filters';
import { pageSize, toConnection } from '../sql/paging';
import { toEventRow, toExecutionRow, toStepRunRow, type DbRow } from '../sql/rows';
import { SQLITE_SCHEMA, VIEW_TABLES } from './sqlite-schema';
import { SqliteViewWriter } from './sqlite-writes';

const decode = (v: unknown): JsonValue => JSON.parse(String(v)) as JsonValue;
const placeholder = (): string => '?';

/** Options of the SQLite read-model store. */
export interface SqliteReadModelOptions {
  /** Database file, or `:memory:`. */
  readonly filename: string;
  /** `synchronous=FULL` when true; default NORMAL (views are rebuildable from the log). */
  readonly durable?: boolean;
}

/**
 * The embedded ReadModelStore: the four views in one SQLite file (WAL). `apply` runs as one
 * IMMEDIATE transaction: load the touched executions' view states, project, write, checkpoint.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: Database.Database;
  private readonly writer: SqliteViewWriter;
  private readonly statements = new Map<string, Database.Statement>();
  private closed = false;

  constructor(options: SqliteReadModelOptions) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.durable ? 'FULL' : 'NORMAL'}`);
    this.db.exec(SQLITE_SCHEMA);
    this.writer = new SqliteViewWriter(this.db);
  }

  async apply(events: readonly RecordedEvent[]): Promise<ApplyResult> {
    this.assertOpen();
    const { projectable, position } = prepareBatch(events);
    const run = this.db.transaction((): ApplyResult => {
      const states = this.writer.load([...new Set(projectable.map((e) => e.executionId))]);
      const batch = projectBatch(states, projectable);
      this.writer.write(batch, position);
      return { applied: batch.applied, skipped: batch.skipped + events.length - projectable.length, checkpoint: this.readCheckpoint() };
    });
    return run.immediate();
  }

  async checkpoint(): Promise<number> {
    this.assertOpen();
    return this.readCheckpoint();
  }

  async getExecution(flowName: string, executionName: string): Promise<ExecutionRow | null> {
    const row = this.get('SELECT * FROM executions WHERE flow_name = ? AND execution_name = ?', [flowName, executionName]);
    return row ? toExecutionRow(row, decode) : null;
  }

  async getExecutionById(executionId: string): Promise<ExecutionRow | null> {
    const row = this.get('SELECT * FROM executions WHERE execution_id = ?', [executionId]);
    return row ? toExecutionRow(row, decode) : null;
  }

  async listExecutions(filter: ExecutionFilter, page: PageArgs = {}): Promise<Connection<ExecutionRow>> {
    const size = pageSize(page.first);
    const where = executionsWhere(filter, page.after, placeholder);
    const rows = this.all(`SELECT * FROM executions ${where.sql} ORDER BY started_at DESC, execution_id DESC LIMIT ?`,
      [...where.params, size + 1]).map((r) => toExecutionRow(r, decode));
    const total = page.withTotalCount === false ? null : this.countExecutions(filter);
    return toConnection(rows, size, (r) => encodeExecutionCursor(r.startedAt, r.executionId), total);
  }

  async listEvents(executionId: string, query: EventQuery = {}): Promise<Connection<ExecutionEventRow>> {
    const size = pageSize(query.first);
    const where = eventsWhere(executionId, query, placeholder);
    const after = query.after ? decodeEventCursor(query.after) : 0;
    const rows = this.all(`SELECT * FROM execution_events ${where.sql} AND event_id > ? ORDER BY event_id LIMIT ?`,
      [...where.params, after, size + 1]).map((r) => toEventRow(r, decode));
    const total = query.withTotalCount === false ? null
      : Number(this.get(`SELECT COUNT(*) AS n FROM execution_events ${where.sql}`, where.params)?.n ?? 0);
    return toConnection(rows, size, (r) => encodeEventCursor(r.eventId), total);
  }

  async listStepRuns(executionId: string): Promise<StepRunRow[]> {
    return this.all('SELECT * FROM step_runs WHERE execution_id = ? ORDER BY run_id', [executionId])
      .map((r) => toStepRunRow(r, decode));
  }

  async flowMetrics(flowName: string, query: MetricsQuery = {}): Promise<FlowMetrics> {
    const window = resolveWindow(query.window, query.now ?? new Date());
    const counters = new Map(this.all('SELECT name, value FROM flow_counters WHERE flow_name = ?', [flowName])
      .map((r) => [String(r.name), Number(r.value)] as const));
    const overdue = Number(this.get(`SELECT COUNT(*) AS n FROM executions
      WHERE flow_name = ? AND status = 'Running' AND deadline_at < ?`, [flowName, window.now.toISOString()])?.n ?? 0);
    const cells = this.all(`SELECT path, step_name, bucket, SUM(count) AS count FROM flow_durations
      WHERE flow_name = ? AND minute BETWEEN ? AND ? GROUP BY path, step_name, bucket`,
    [flowName, window.fromMinute, window.toMinute]).map((r): HistogramCell => ({
      path: String(r.path), stepName: String(r.step_name), bucket: Number(r.bucket), count: Number(r.count),
    }));
    return assembleFlowMetrics(flowName, window, { counters, overdue, cells });
  }

  async children(executionId: string): Promise<ExecutionRow[]> {
    return this.all('SELECT * FROM executions WHERE parent_execution_id = ? ORDER BY started_at, execution_id', [executionId])
      .map((r) => toExecutionRow(r, decode));
  }

  async reset(): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      for (const table of VIEW_TABLES) this.db.exec(`DELETE FROM ${table}`);
      this.db.exec('UPDATE projection_checkpoint SET position = 0');
    }).immediate();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private countExecutions(filter: ExecutionFilter): number {
    if (!countableFromCounters(filter)) {
      const where = executionsWhere(filter, null, placeholder);
      return Number(this.get(`SELECT COUNT(*) AS n FROM executions ${where.sql}`, where.params)?.n ?? 0);
    }
    const params: unknown[] = [];
    let sql = 'SELECT COALESCE(SUM(value), 0) AS n FROM flow_counters WHERE ';
    if (filter.status !== undefined) { sql += 'name = ?'; params.push(statusCounter(filter.status)); }
    else { sql += "name >= 'status:' AND name < 'status;'"; }
    if (filter.flowName !== undefined) { sql += ' AND flow_name = ?'; params.push(filter.flowName); }
    return Number(this.get(sql, params)?.n ?? 0);
  }

  private readCheckpoint(): number {
    return Number(this.get('SELECT position FROM projection_checkpoint WHERE id = 1', [])?.position ?? 0);
  }

  private get(sql: string, params: unknown[]): DbRow | undefined {
    return this.statement(sql).get(...params) as DbRow | undefined;
  }

  private all(sql: string, params: unknown[]): DbRow[] {
    return this.statement(sql).all(...params) as DbRow[];
  }

  private statement(sql: string): Database.Statement {
    this.assertOpen();
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      if (this.statements.size < 500) this.statements.set(sql, statement);
    }
    return statement;
  }

  private assertOpen(): void {
    if (this.closed) throw new ReadModelError('READ.CLOSED', 'The SQLite read-model store is closed.');
  }
}
