/**
 * W7 (shared/BENCHMARKS.md): the Kafka pipeline — SQLite event store → relay → Kafka → projector →
 * PostgreSQL views. Appends synthetic executions (8 events in 3 appends each, as the engine would)
 * at a steady rate, and measures append-to-visible lag (from the append's acknowledgement to the
 * commit of the view transaction holding the event). Then appends flat out to find the sustainable
 * maximum (events made visible per second over the run, backlog included).
 *   npm run bench -- pipeline [--rate 5000] [--seconds 10] [--max-seconds 5] [--partitions 6]
 * Uses ORDO_KAFKA_BROKERS / ORDO_TEST_PG_URL when set; otherwise starts both (scripts/services.mjs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { PostgresReadModelStore, Projector, ProjectorConsumer } from '@ordo/read-models';
import { EventRelay, EventStoreCheckpointStore, executionStream, type NewEvent, type RecordedEvent } from '@ordo/runtime';
import { SqliteEventStore } from '@ordo/store-sqlite';

interface Settings { rate: number; seconds: number; maxSeconds: number; partitions: number }

function parseArgs(args: string[]): Settings {
  const value = (flag: string, fallback: number): number => {
    const i = args.indexOf(flag);
    return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
  };
  return { rate: value('--rate', 5000), seconds: value('--seconds', 10), maxSeconds: value('--max-seconds', 5), partitions: value('--partitions', 6) };
}

const at = (): string => new Date().toISOString();
const meta = (id: string, revision: number): Record<string, unknown> => ({ eventId: `${id}:${revision}`, at: at(), command: 'Bench', causationId: id, correlationId: id, decisionVersion: 1 });

/** The three appends of one synthetic execution (3 + 2 + 3 events). */
function appendsOf(flow: string, name: string): NewEvent[][] {
  const id = `${flow}.${name}`;
  const step = (rev: number, path: string): NewEvent[] => [
    { type: 'StepEntered', data: { path, name: path, stepType: 'pass', input: {}, local: {} }, metadata: meta(id, rev) },
    { type: 'StepSucceeded', data: { path, output: { ok: true } }, metadata: meta(id, rev + 1) },
  ];
  return [
    [{ type: 'ExecutionStarted', data: { executionId: id, executionName: name, flowName: flow, flowVersion: 1, input: { n: name }, trigger: { kind: 'api' }, decisionVersion: 1 }, metadata: meta(id, 0) }, ...step(1, 'a')],
    step(3, 'b'),
    [...step(5, 'c'), { type: 'ExecutionSucceeded', data: { output: { ok: true } }, metadata: meta(id, 7) }],
  ];
}

class LagRecorder {
  readonly appendedAt = new Map<number, number>();
  readonly lags: number[] = [];
  visible = 0;
  lastVisibleAt = 0;
  recordFrom = 0;

  appended(lastPosition: number, count: number, t: number): void {
    for (let p = lastPosition - count + 1; p <= lastPosition; p++) this.appendedAt.set(p, t);
  }

  applied(events: readonly RecordedEvent[], t: number): void {
    for (const e of events) {
      const a = this.appendedAt.get(e.position);
      if (a === undefined) continue;
      this.appendedAt.delete(e.position);
      this.visible += 1;
      if (a >= this.recordFrom) this.lags.push(t - a);
    }
    this.lastVisibleAt = t;
  }

  percentile(q: number): number {
    const sorted = [...this.lags].sort((x, y) => x - y);
    return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}

/** Appends executions at `rate` events/s (8 events each) for `seconds`; stages run concurrently. */
async function steadyLoad(store: SqliteEventStore, rec: LagRecorder, rate: number, seconds: number, flow: string): Promise<number> {
  const tickMs = 20;
  const executionsPerTick = Math.max(1, Math.round((rate * tickMs) / 1000 / 8));
  const pending: Promise<void>[] = [];
  const start = Date.now();
  let n = 0;
  for (let tick = 0; Date.now() - start < seconds * 1000; tick++) {
    for (let i = 0; i < executionsPerTick; i++) pending.push(runExecution(store, rec, flow, `e${n++}`));
    const next = start + (tick + 1) * tickMs;
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
  await Promise.all(pending);
  return n * 8;
}

/** Closed loop: `writers` concurrent writers run executions back to back for `seconds`. */
async function flatOutLoad(store: SqliteEventStore, rec: LagRecorder, writers: number, seconds: number, flow: string): Promise<number> {
  const end = Date.now() + seconds * 1000;
  let n = 0;
  await Promise.all(Array.from({ length: writers }, async () => {
    while (Date.now() < end) await runExecution(store, rec, flow, `e${n++}`);
  }));
  return n * 8;
}

async function runExecution(store: SqliteEventStore, rec: LagRecorder, flow: string, name: string): Promise<void> {
  const stream = executionStream(`${flow}.${name}`);
  let expected: number | 'no_stream' = 'no_stream';
  for (const events of appendsOf(flow, name)) {
    const result = await store.append(stream, events, expected);
    rec.appended(result.position, events.length, Date.now());
    expected = result.nextRevision;
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

async function services(): Promise<{ brokers: string; pgUrl: string; stop: () => Promise<void> }> {
  if (process.env.ORDO_KAFKA_BROKERS && process.env.ORDO_TEST_PG_URL) {
    return { brokers: process.env.ORDO_KAFKA_BROKERS, pgUrl: process.env.ORDO_TEST_PG_URL, stop: async () => undefined };
  }
  const { startServices } = (await import(join(__dirname, '..', 'scripts', 'services.mjs'))) as {
    startServices(): Promise<{ env: Record<string, string>; stop(): Promise<void> }>;
  };
  const s = await startServices();
  return {
    brokers: process.env.ORDO_KAFKA_BROKERS ?? s.env.ORDO_KAFKA_BROKERS,
    pgUrl: process.env.ORDO_TEST_PG_URL ?? s.env.ORDO_TEST_PG_URL,
    stop: () => s.stop(),
  };
}

function print(metric: string, value: number, unit: string, config: Record<string, unknown>): void {
  console.log(JSON.stringify({ bench: 'pipeline', metric, value: Math.round(value * 10) / 10, unit, config }));
}

export async function run(args: string[]): Promise<void> {
  const settings = parseArgs(args);
  const svc = await services();
  const dir = mkdtempSync(join(tmpdir(), 'ordo-bench-pipeline-'));
  const suffix = randomBytes(4).toString('hex');
  const topic = `bench.pipeline.${suffix}`;
  const store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 5 });
  const bus = new KafkaMessageBus({ brokers: parseBrokers(svc.brokers), maxWaitTimeMs: 100 });
  const views = await PostgresReadModelStore.open({ connectionString: svc.pgUrl, schema: `bench_${suffix}`, maxConnections: 4 });
  const rec = new LagRecorder();
  const projector = new Projector(views);
  const consumer = new ProjectorConsumer({
    bus, topic, groupId: `bench-${suffix}`, maxBatchSize: 1000,
    apply: async (events) => { await projector.handle(events); rec.applied(events, Date.now()); },
  });
  const relay = new EventRelay({ store, bus, checkpoints: new EventStoreCheckpointStore(store), name: `bench_${suffix}`, topic, batchSize: 500, checkpointIntervalMs: 1000 });
  try {
    await bus.admin.createTopics([{ name: topic, partitions: settings.partitions }]);
    await consumer.start();
    await relay.start();
    const config = { ...settings, store: 'sqlite (synchronous=FULL)', kafka: '3.9.1 single node', views: 'postgresql' };

    rec.recordFrom = Date.now() + 2000;
    const steadyEvents = await steadyLoad(store, rec, settings.rate, settings.seconds, 'steady');
    const drained = await waitFor(() => rec.appendedAt.size === 0, 60_000);
    print('steady_events', steadyEvents, 'events', config);
    print('lag_p50', rec.percentile(0.5), 'ms', config);
    print('lag_p99', rec.percentile(0.99), 'ms', config);
    print('lag_max', rec.percentile(1), 'ms', config);
    if (!drained) print('undrained_events', rec.appendedAt.size, 'events', config);

    const before = rec.visible;
    const started = Date.now();
    const maxEvents = await flatOutLoad(store, rec, 64, settings.maxSeconds, 'flatout');
    await waitFor(() => rec.appendedAt.size === 0, 120_000);
    print('max_events_per_s', (rec.visible - before) / ((rec.lastVisibleAt - started) / 1000), 'events/s', { ...config, events: maxEvents });
  } finally {
    await relay.stop().catch(() => undefined);
    await consumer.close().catch(() => undefined);
    await bus.close();
    await views.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    await svc.stop();
  }
}
