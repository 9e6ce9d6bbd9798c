/**
 * W1 through the full distributed path on this one machine (issue 6): two engine processes
 * (members of one engine group on a per-run command topic, Kafka), the event store on EventStoreDB's
 * protocol (the test server of `test/esdb-protocol-server`, in this process, unless `ORDO_ESDB_URL`
 * names a real one), and this process as the api: it starts executions with optimistic appends and
 * resyncs, and reads each execution's newest event until it is `ExecutionSucceeded` (start-to-finish
 * = the store's commit time of that event minus the start call's time; same machine, same clock).
 * Closed loop at `--concurrency` executions for `--seconds` after `--warmup` seconds; reports
 * executions/s, transitions/s (10 tasks per execution, as the embedded W1) and p50/p99
 * start-to-finish latency.
 *   npm run bench -- distributed [--concurrency 16] [--seconds 20] [--warmup 5] [--partitions 8]
 * Uses ORDO_KAFKA_BROKERS when set, else starts a private broker (scripts/kafka.mjs); the broker's
 * start-up is outside the 60 s budget of the run itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { COMMANDS_TOPIC, executionIdOf, executionStream, type Engine, type EventStore } from '@ordo/runtime';
import { EsdbEventStore } from '@ordo/store-esdb';
import { EsdbProtocolTestServer } from '../test/esdb-protocol-server';
import { apiEngine } from '../test/distributed/support/local-cluster';
import { percentile, sequentialTasksFlow } from './runtime/harness';

const STEPS = 10;
const FLOW = 'w1';
/** The whole run (services, engines joining, warm-up, measurement) must end within this. */
const BUDGET_MS = 60_000;

interface Settings { concurrency: number; seconds: number; warmup: number; partitions: number }

function parseArgs(args: string[]): Settings {
  const value = (flag: string, fallback: number): number => {
    const i = args.indexOf(flag);
    const parsed = i >= 0 ? Number(args[i + 1]) : fallback;
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${flag} must be a positive number, got ${args[i + 1]}.`);
    return parsed;
  };
  return { concurrency: value('--concurrency', 16), seconds: value('--seconds', 20), warmup: value('--warmup', 5), partitions: value('--partitions', 8) };
}

function emit(metric: string, value: number, unit: string, settings: Settings, esdb: string): void {
  console.log(JSON.stringify({
    bench: 'distributed-w1', metric, value: Math.round(value * 10) / 10, unit,
    config: { nproc: availableParallelism(), node: process.version, engines: 2, store: esdb, bus: 'kafka', ...settings },
  }));
}

/** A Kafka broker from the environment, or a private one (scripts/kafka.mjs) started for this run. */
async function kafka(): Promise<{ brokers: string; stop: () => Promise<void> }> {
  if (process.env.ORDO_KAFKA_BROKERS) return { brokers: process.env.ORDO_KAFKA_BROKERS, stop: async () => undefined };
  const scripts = join(__dirname, '..', 'scripts');
  const { startJvmBroker, stopJvmBroker } = (await import(join(scripts, 'kafka.mjs'))) as {
    startJvmBroker(o: { port: number; controllerPort: number; runDir: string }): Promise<{ brokers: string }>;
    stopJvmBroker(runDir: string): Promise<void>;
  };
  const { freePort } = (await import(join(scripts, 'service-util.mjs'))) as { freePort(): Promise<number> };
  const runDir = mkdtempSync(join(tmpdir(), 'ordo-bench-kafka-'));
  const { brokers } = await startJvmBroker({ port: await freePort(), controllerPort: await freePort(), runDir });
  return { brokers, stop: async () => { await stopJvmBroker(runDir); rmSync(runDir, { recursive: true, force: true }); } };
}

function startEngine(esdbUrl: string, brokers: string, settings: Settings, topic: string, groupId: string): { child: ChildProcess; owned: () => number } {
  const script = join(__dirname, '..', 'test', 'distributed', 'support', 'engine-process.ts');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script, esdbUrl, brokers, String(settings.partitions), topic, groupId], {
    cwd: join(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'],
  });
  let owned = 0;
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line.startsWith('owns ')) owned = line.slice(5).split(',').filter(Boolean).length;
  });
  return { child, owned: () => owned };
}

async function until(condition: () => boolean, what: string, deadline: number): Promise<void> {
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`distributed bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const TERMINAL = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionStopped']);
const POLL_MS = 10;

/**
 * Waits for the execution's last event to be terminal by reading the stream's newest event every
 * 10 ms (a `$all` subscription in this process would carry all 62 events of every execution and
 * become the bottleneck it measures); returns the event type and when the store committed it.
 */
async function finished(store: EventStore, executionId: string, deadline: number): Promise<{ type: string; at: number }> {
  const stream = executionStream(executionId);
  for (;;) {
    const [last] = await store.readStreamBackwards(stream, undefined, 1);
    if (last !== undefined && TERMINAL.has(last.type)) return { type: last.type, at: Date.parse(last.recordedAt) };
    if (Date.now() > deadline) throw new Error(`distributed bench: ${executionId} did not finish within the budget.`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Closed loops: each starts one execution, waits for its end, and starts the next. */
async function closedLoop(api: Engine, store: EventStore, settings: Settings, deadline: number): Promise<{ executions: number; seconds: number; latencies: number[] }> {
  let phase: 'warmup' | 'measure' | 'stop' = 'warmup';
  let next = 0;
  let executions = 0;
  const latencies: number[] = [];
  const loop = async (): Promise<void> => {
    while (phase !== 'stop' && Date.now() < deadline) {
      const name = `e${next++}`;
      const started = Date.now();
      await api.startExecution({ flowName: FLOW, executionName: name, input: { counter: 0 } });
      const outcome = await finished(store, executionIdOf(FLOW, name), deadline + 10_000);
      if (outcome.type !== 'ExecutionSucceeded') throw new Error(`W1 execution ${name} ended with ${outcome.type}.`);
      if (phase === 'measure') { executions++; latencies.push(outcome.at - started); }
    }
  };
  const loops = Array.from({ length: settings.concurrency }, loop);
  await new Promise((resolve) => setTimeout(resolve, settings.warmup * 1000));
  phase = 'measure';
  const began = performance.now();
  await new Promise((resolve) => setTimeout(resolve, settings.seconds * 1000));
  const seconds = (performance.now() - began) / 1000;
  const counted = executions;
  phase = 'stop';
  await Promise.all(loops);
  return { executions: counted, seconds, latencies };
}

export async function run(args: string[]): Promise<void> {
  const settings = parseArgs(args);
  const broker = await kafka();
  const deadline = Date.now() + BUDGET_MS;
  const server = process.env.ORDO_ESDB_URL ? undefined : await EsdbProtocolTestServer.start({ maxAppendSize: 8 * 1024 * 1024 });
  const esdbUrl = process.env.ORDO_ESDB_URL ?? server!.connectionString;
  const store = new EsdbEventStore({ connectionString: esdbUrl });
  const bus = new KafkaMessageBus({ brokers: parseBrokers(broker.brokers), clientId: 'bench-distributed' });
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const route = { topic: `${COMMANDS_TOPIC}.bench-${suffix}`, groupId: `ordo.engine.bench-${suffix}` };
  await bus.admin.createTopics([{ name: route.topic, partitions: settings.partitions }]);
  const engines = [0, 1].map(() => startEngine(esdbUrl, broker.brokers, settings, route.topic, route.groupId));
  const api = apiEngine(store, bus, route);
  try {
    await until(() => engines.every((e) => e.owned() > 0) && engines[0].owned() + engines[1].owned() === settings.partitions, 'both engines to own partitions', deadline);
    await api.deployFlow(FLOW, sequentialTasksFlow(STEPS));
    const measured = await closedLoop(api, store, settings, deadline);
    const esdb = server === undefined ? 'eventstoredb' : 'esdb-protocol-test-server';
    emit('w1_executions_per_s', measured.executions / measured.seconds, 'executions/s', settings, esdb);
    emit('w1_transitions_per_s', (measured.executions * STEPS) / measured.seconds, 'transitions/s', settings, esdb);
    emit('w1_start_to_finish_p50_ms', percentile(measured.latencies, 50), 'ms', settings, esdb);
    emit('w1_start_to_finish_p99_ms', percentile(measured.latencies, 99), 'ms', settings, esdb);
  } finally {
    await api.close();
    for (const e of engines) if (e.child.exitCode === null) e.child.kill('SIGTERM');
    await bus.admin.deleteTopics([route.topic]).catch(() => undefined);
    await bus.close();
    await store.close();
    await server?.stop();
    await broker.stop();
  }
}
