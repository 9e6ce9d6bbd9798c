/**
 * W7 (BENCHMARKS): events appended at a steady rate to the SQLite event store go through the relay
 * into Kafka and through the projector into PostgreSQL views. Reports p50/p99 lag from append to
 * visible in the view (the projector's transaction committed) at 5,000 events/s, then ramps the
 * rate until the pipeline stops keeping up, and reports the highest sustained rate.
 *   npm run bench -- pipeline [--rate 5000] [--seconds 20] [--step-seconds 8] [--ramp 5000,7500,…] [--partitions 6] [--members 3]
 * Uses ORDO_KAFKA_BROKERS and ORDO_READ_DB (or ORDO_TEST_PG_URL) when set, else starts both
 * (scripts/services.mjs); a throwaway topic and schema are used and removed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { PostgresReadModelStore, Projector, ProjectorConsumer } from '@ordo/read-models';
import { EventRelay, EventStoreCheckpointStore, type NewEvent, type RecordedEvent } from '@ordo/runtime';
import { SqliteEventStore } from '@ordo/store-sqlite';

const TICK_MS = 10;
const MAX_IN_FLIGHT_APPENDS = 2000;
const BUDGET_MS = 115_000;

interface Settings { rate: number; seconds: number; stepSeconds: number; ramp: number[]; partitions: number; members: number }

function parseArgs(args: string[]): Settings {
  const value = (flag: string, fallback: string): string => {
    const i = args.indexOf(flag);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
  };
  return {
    rate: Number(value('--rate', '5000')),
    seconds: Number(value('--seconds', '20')),
    stepSeconds: Number(value('--step-seconds', '8')),
    ramp: value('--ramp', '5000,7500,10000,15000,20000,30000').split(',').map(Number),
    partitions: Number(value('--partitions', '6')),
    members: Number(value('--members', '3')),
  };
}

let partitions = 6;
let members = 3;

function emit(metric: string, value: number, unit: string, config: object): void {
  console.log(JSON.stringify({ bench: 'pipeline-w7', metric, value: Math.round(value * 10) / 10, unit,
    config: { nproc: availableParallelism(), node: process.version, partitions, members, ...config } }));
}

function percentile(samples: number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const stamp = (): Record<string, unknown> => ({ at: new Date().toISOString(), benchAt: Date.now() });

/** A 7-event execution appended in two decisions: start (3 events), then finish (4 events). */
function startEvents(id: string): NewEvent[] {
  const [flowName, executionName] = id.split('.');
  return [
    { type: 'ExecutionStarted', data: { executionId: id, executionName, flowName, flowVersion: 1, input: { n: executionName }, trigger: { kind: 'api' }, decisionVersion: 1 }, metadata: stamp() },
    { type: 'StepEntered', data: { path: 'work', name: 'work', stepType: 'task', input: { n: executionName }, local: {} }, metadata: stamp() },
    { type: 'TaskScheduled', data: { path: 'work', attempt: 1, resource: 'local:work', pattern: 'requestResponse', input: { n: executionName } }, metadata: stamp() },
  ];
}

function finishEvents(): NewEvent[] {
  return [
    { type: 'TaskSucceeded', data: { path: 'work', attempt: 1, output: { ok: true } }, metadata: stamp() },
    { type: 'StepSucceeded', data: { path: 'work', output: { ok: true } }, metadata: stamp() },
    { type: 'StepExited', data: { path: 'work', local: {} }, metadata: stamp() },
    { type: 'ExecutionSucceeded', data: { output: { ok: true } }, metadata: stamp() },
  ];
}

/** Appends at a target rate in 10 ms ticks; counts what the store acknowledged, and when. */
class Appender {
  appended = 0;
  private issued = 0;
  private inFlight = 0;
  private next = 0;
  private readonly started: string[] = [];

  constructor(private readonly store: SqliteEventStore, private readonly meter: LagMeter) {}

  /** Appends at `rate` events/s for `ms`; resolves when the time is up and every append settled. */
  async run(rate: number, ms: number): Promise<void> {
    const begin = Date.now();
    const base = this.issued;
    while (Date.now() - begin < ms) {
      const due = base + Math.floor((rate * (Date.now() - begin)) / 1000);
      while (this.issued < due && this.inFlight < MAX_IN_FLIGHT_APPENDS) this.appendOne();
      await new Promise((r) => setTimeout(r, TICK_MS));
    }
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, TICK_MS));
  }

  private appendOne(): void {
    const finishing = this.started.length > 0 && (this.started.length > 64 || this.next % 2 === 1);
    const id = finishing ? (this.started.shift() as string) : `bench${this.next % 10}.e${this.next++}`;
    const events = finishing ? finishEvents() : startEvents(id);
    this.issued += events.length;
    this.inFlight += 1;
    this.store.append(`ordoExecution-${id}`, events, finishing ? 2 : 'no_stream').then((result) => {
      this.meter.acknowledged(result.position, events.length, Date.now());
      this.appended += events.length;
      if (!finishing) this.started.push(id);
    }, (e: unknown) => { console.error(`append to ${id} failed: ${(e as Error).message}`); })
      .finally(() => { this.inFlight -= 1; });
  }
}

/**
 * Collects, as the projector commits events, their lag from the store's acknowledgement of the
 * append (`samples`) and from the moment the append was requested (`fromCall`, durable commit included).
 */
class LagMeter {
  projected = 0;
  samples: number[] = [];
  fromCall: number[] = [];
  private readonly ackedAt = new Map<number, number>();

  acknowledged(lastPosition: number, count: number, at: number): void {
    for (let p = lastPosition - count + 1; p <= lastPosition; p++) this.ackedAt.set(p, at);
  }

  record(events: readonly RecordedEvent[]): void {
    const now = Date.now();
    for (const event of events) {
      this.samples.push(now - (this.ackedAt.get(event.position) ?? now));
      this.fromCall.push(now - Number(event.metadata.benchAt));
      this.ackedAt.delete(event.position);
    }
    this.projected += events.length;
  }

  take(): number[] {
    const taken = this.samples;
    this.samples = [];
    this.fromCall = [];
    return taken;
  }
}

async function drain(appender: Appender, meter: LagMeter, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (meter.projected < appender.appended) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/** The broker and database from the environment, or ones started for this run. */
async function services(): Promise<{ brokers: string; pgUrl: string; stop: () => Promise<void> }> {
  const brokers = process.env.ORDO_KAFKA_BROKERS;
  const pgUrl = process.env.ORDO_READ_DB ?? process.env.ORDO_TEST_PG_URL;
  if (brokers && pgUrl) return { brokers, pgUrl, stop: async () => undefined };
  const { startServices } = (await import(join(__dirname, '..', 'scripts', 'services.mjs'))) as {
    startServices(): Promise<{ env: Record<string, string>; stop(): Promise<void> }>;
  };
  const started = await startServices();
  return { brokers: brokers ?? started.env.ORDO_KAFKA_BROKERS, pgUrl: pgUrl ?? started.env.ORDO_TEST_PG_URL, stop: () => started.stop() };
}

export async function run(args: string[]): Promise<void> {
  const settings = parseArgs(args);
  partitions = settings.partitions;
  members = settings.members;
  const svc = await services();
  const began = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'ordo-bench-pipeline-'));
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const topic = `bench.events.${suffix}`;
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 5 });
  const bus = new KafkaMessageBus({ brokers: parseBrokers(svc.brokers), clientId: 'bench-pipeline', maxWaitTimeMs: 100 });
  const views = await PostgresReadModelStore.open({ connectionString: svc.pgUrl, schema: `bench_w7_${suffix}` });
  const meter = new LagMeter();
  const projector = new Projector(views);
  const consumer = new ProjectorConsumer({
    bus, topic, groupId: `bench-projector-${suffix}`, members,
    apply: async (events) => { await projector.handle(events); meter.record(events); },
  });
  const relay = new EventRelay({ store, bus, topic, name: `bench_${suffix}`, checkpoints: new EventStoreCheckpointStore(store), batchSize: 1000 });
  const appender = new Appender(store, meter);
  try {
    await bus.admin.createTopics([{ name: topic, partitions }]);
    await consumer.start();
    await relay.start();
    await appender.run(settings.rate, 3000);
    await drain(appender, meter, 10_000);
    meter.take();
    const steadyBegin = Date.now();
    const before = appender.appended;
    await appender.run(settings.rate, settings.seconds * 1000);
    const achieved = ((appender.appended - before) * 1000) / (Date.now() - steadyBegin);
    await drain(appender, meter, 10_000);
    const fromCall = meter.fromCall;
    const lags = meter.take();
    const config = { rate: settings.rate, seconds: settings.seconds, events: lags.length };
    emit('lag_p50_ms', percentile(lags, 0.5), 'ms', config);
    emit('lag_p99_ms', percentile(lags, 0.99), 'ms', config);
    emit('lag_from_append_call_p99_ms', percentile(fromCall, 0.99), 'ms', config);
    emit('appended_events_per_s', achieved, 'events/s', config);
    emit('sustainable_events_per_s', await ramp(settings, appender, meter, began), 'events/s', { steps: settings.ramp, stepSeconds: settings.stepSeconds });
  } finally {
    await relay.stop().catch(() => undefined);
    await consumer.close();
    await projector.stop();
    await bus.admin.deleteTopics([topic]).catch(() => undefined);
    await bus.close();
    await views.dropSchema();
    await views.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    await svc.stop();
  }
}

/**
 * Runs each ramp step on a drained pipeline; a step is sustained when the store took ≥ 95 % of the
 * target, the p99 lag of its second half stayed under 1 s and the backlog at its end was under
 * 1 s of events. Stops at the first step that is not sustained (or when the time budget is spent).
 */
async function ramp(settings: Settings, appender: Appender, meter: LagMeter, began: number): Promise<number> {
  let sustained = 0;
  for (const rate of settings.ramp) {
    if (Date.now() - began + settings.stepSeconds * 1000 + 10_000 > BUDGET_MS) break;
    await drain(appender, meter, 10_000);
    meter.take();
    const before = appender.appended;
    const stepBegin = Date.now();
    const half = appender.run(rate, settings.stepSeconds * 1000);
    await new Promise((r) => setTimeout(r, (settings.stepSeconds * 1000) / 2));
    meter.take();
    await half;
    const achieved = ((appender.appended - before) * 1000) / (Date.now() - stepBegin);
    const p99 = percentile(meter.take(), 0.99);
    const backlog = appender.appended - meter.projected;
    const ok = achieved >= 0.95 * rate && p99 <= 1000 && backlog <= rate;
    emit('ramp_lag_p99_ms', p99, 'ms', { rate, appended: Math.round(achieved), backlog, sustained: ok });
    if (!ok) break;
    sustained = rate;
  }
  return sustained;
}
