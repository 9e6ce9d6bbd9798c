/**
 * BENCHMARKS W6 at the store level: with N executions in the views (default 1,000,000), p50/p99 of
 * the first page of `listExecutions(filter)` and of a 1,000-event audit trail; also the projection
 * throughput while loading. Prints one JSON object per result.
 *   node -r @swc-node/register libs/read-models/bench/w6-queries.ts [sqlite|postgres] [executions]
 * PostgreSQL reads ORDO_READ_DB (a throwaway schema is created and dropped).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@ordo/runtime';
import { PostgresReadModelStore, SqliteReadModelStore, type ExecutionFilter, type ReadModelStore } from '@ordo/read-models';

const FLOWS = 10;
const BATCH = 5_000;
const T0 = Date.parse('2030-01-01T00:00:00.000Z');

function emit(kind: string, metric: string, value: number, unit: string, config: object): void {
  console.log(JSON.stringify({ bench: 'read-models-w6', metric, value: Math.round(value * 1000) / 1000, unit,
    config: { store: kind, nproc: cpus().length, node: process.version, ...config } }));
}

let position = 0;
function recorded(executionId: string, revision: number, type: string, at: number, data: object): RecordedEvent {
  position += 1;
  return { streamId: `ordoExecution-${executionId}`, revision, position, type, data,
    metadata: { at: new Date(at).toISOString() }, recordedAt: new Date(at).toISOString() };
}

/** Execution i: started i seconds after T0; 80 % succeed, 10 % fail, 10 % keep running. */
function executionEvents(i: number): RecordedEvent[] {
  const flowName = `flow${i % FLOWS}`;
  const id = `${flowName}.e${i}`;
  const at = T0 + i * 1000;
  const trigger = { kind: i % 7 === 0 ? 'kafka' : 'api' };
  const events = [recorded(id, 0, 'ExecutionStarted', at, {
    executionId: id, executionName: `e${i}`, flowName, flowVersion: 1, input: { i }, trigger, decisionVersion: 1 })];
  if (i % 10 < 8) events.push(recorded(id, 1, 'ExecutionSucceeded', at + 500, { output: { ok: true } }));
  else if (i % 10 === 8) events.push(recorded(id, 1, 'ExecutionFailed', at + 700, { error: 'E', cause: 'c' }));
  return events;
}

/** One execution of 1,000 events: 1 start, 249 pass steps of 4 events, 3 more. */
function longExecution(): RecordedEvent[] {
  const id = 'long.trail';
  const events = [recorded(id, 0, 'ExecutionStarted', T0, {
    executionId: id, executionName: 'trail', flowName: 'long', flowVersion: 1, input: {}, trigger: { kind: 'api' }, decisionVersion: 1 })];
  for (let s = 0; events.length < 997; s++) {
    const path = `step${s}`;
    for (const [type, data] of [['StepEntered', { path, name: path, stepType: 'pass', input: { s }, local: {} }],
      ['StepStarted', { path, input: { s } }], ['StepSucceeded', { path, output: { s } }], ['StepExited', { path, local: { s } }]] as const) {
      events.push(recorded(id, events.length, type, T0 + events.length, data));
    }
  }
  events.push(recorded(id, events.length, 'ExecutionSucceeded', T0 + 2000, { output: {} }));
  return events;
}

async function load(store: ReadModelStore, n: number, kind: string): Promise<void> {
  const started = Date.now();
  let pending: RecordedEvent[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    pending.push(...executionEvents(i));
    if (pending.length >= BATCH) { await store.apply(pending); total += pending.length; pending = []; }
  }
  pending.push(...longExecution());
  await store.apply(pending);
  total += pending.length;
  emit(kind, 'load_events_per_s', total / ((Date.now() - started) / 1000), 'events/s', { executions: n, batch: BATCH });
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function measure(kind: string, metric: string, runs: number, query: (i: number) => Promise<unknown>, config: object): Promise<void> {
  for (let i = 0; i < 20; i++) await query(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await query(i);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  emit(kind, `${metric}_p50_ms`, percentile(ms, 0.5), 'ms', config);
  emit(kind, `${metric}_p99_ms`, percentile(ms, 0.99), 'ms', config);
}

async function queries(store: ReadModelStore, kind: string, n: number): Promise<void> {
  const mid = new Date(T0 + (n / 2) * 1000).toISOString();
  const filters: ExecutionFilter[] = [
    {}, { flowName: 'flow3' }, { flowName: 'flow8', status: 'Failed' }, { status: 'Running' }, { trigger: 'kafka' },
    { startedAfter: mid }, { flowName: 'flow5', namePrefix: 'e15' }, { flowName: 'flow2', startedBefore: mid, status: 'Succeeded' },
  ];
  const config = { executions: n, filters: filters.length, first: 50 };
  await measure(kind, 'executions_first_page', 400, (i) => store.listExecutions(filters[i % filters.length], { first: 50 }), config);
  await measure(kind, 'executions_first_page_without_total', 400,
    (i) => store.listExecutions(filters[i % filters.length], { first: 50, withTotalCount: false }), config);
  for (const [i, filter] of filters.entries()) {
    await measure(kind, `executions_filter${i}_first_page`, 100, () => store.listExecutions(filter, { first: 50 }), { executions: n, filter });
    await measure(kind, `executions_filter${i}_first_page_without_total`, 100,
      () => store.listExecutions(filter, { first: 50, withTotalCount: false }), { executions: n, filter });
  }
  await measure(kind, 'execution_events_first_page', 400, () => store.listEvents('long.trail', { first: 50 }), { events: 1000, first: 50 });
  await measure(kind, 'execution_events_all', 200, () => store.listEvents('long.trail', { first: 1000 }), { events: 1000, first: 1000 });
}

async function open(kind: string): Promise<{ store: ReadModelStore; cleanup: () => Promise<void> }> {
  if (kind === 'postgres') {
    const url = process.env.ORDO_READ_DB;
    if (!url) throw new Error('Set ORDO_READ_DB=postgres://… to benchmark the PostgreSQL store.');
    const store = await PostgresReadModelStore.open({ connectionString: url, schema: `ordo_bench_${process.pid}` });
    return { store, cleanup: async () => { await store.dropSchema(); await store.close(); } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ordo-w6-'));
  const store = new SqliteReadModelStore({ filename: join(dir, 'views.db') });
  return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function main(): Promise<void> {
  const kind = process.argv[2] ?? 'sqlite';
  const n = Number(process.argv[3] ?? 1_000_000);
  const { store, cleanup } = await open(kind);
  try {
    await load(store, n, kind);
    await queries(store, kind, n);
  } finally {
    await cleanup();
  }
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
