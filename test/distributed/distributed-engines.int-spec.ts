import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { reproject, type ReadModelStore } from '@ordo/read-models';
import {
  COMMANDS_TOPIC, EVENTS_TOPIC, EXECUTION_STREAM_PREFIX, HmacTokenService, executionIdOf, executionStream, isRuntimeError, type EventStore,
} from '@ordo/runtime';
import { EsdbEventStore } from '@ordo/store-esdb';
import { EsdbProtocolTestServer } from '../esdb-protocol-server';
import { dropSchemas, dumpViews, openPgViews, viewsSchema } from '../pipeline/support/pg-views';
import { viewsHoldTheLog } from '../pipeline/support/views-vs-store';
import { SECRET, apiEngine, waitUntil } from './support/local-cluster';
import { startReadSide, stopProcess } from './support/read-side';
import { MIXED_FLOW } from './support/mixed-flow';

const PARTITIONS = 8;
const COUNT = Number(process.env.ORDO_DISTRIBUTED_EXECUTIONS ?? 200);
const FLOW = MIXED_FLOW;

function startEngine(esdbUrl: string, brokers: string, topic: string, groupId: string): { child: ChildProcess; lines: string[] } {
  const script = join(__dirname, 'support/engine-process.ts');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script, esdbUrl, brokers, String(PARTITIONS), topic, groupId], {
    cwd: join(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  return { child, lines };
}

/** Transitions that must happen once per (step path, attempt): a second one means a command was applied twice. */
async function duplicateTransitions(store: EventStore, executionId: string): Promise<string[]> {
  const events = await store.readStream(executionStream(executionId), 0, 10_000);
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const e of events) {
    if (!['TaskScheduled', 'TaskSucceeded', 'TaskFailed', 'TimerFired', 'StepSucceeded', 'ExecutionSucceeded'].includes(e.type)) continue;
    const d = e.data as { path?: string; attempt?: number; timerId?: string };
    const key = `${e.type}:${d.path ?? ''}:${d.attempt ?? ''}:${d.timerId ?? ''}`;
    if (seen.has(key)) duplicates.push(key);
    seen.add(key);
  }
  return duplicates;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** How many execution events the views hold (sum over executions of last revision + 1), and how many executions are still running there. */
async function viewsProgress(views: ReadModelStore): Promise<{ events: number; running: number }> {
  const page = await views.listExecutions({}, { first: 1000, withTotalCount: false });
  return {
    events: page.edges.reduce((sum, e) => sum + e.node.lastRevision + 1, 0),
    running: page.edges.filter((e) => e.node.status === 'Running').length,
  };
}

/** The last event types of an execution that did not finish, for the failure message. */
async function tailOf(store: EventStore, executionId: string): Promise<string> {
  const events = await store.readStream(executionStream(executionId), 0, 10_000);
  return `${executionId}: ${events.slice(-4).map((e) => e.type).join(' > ')}`;
}

describe('distributed: two engine processes, a relay and a projector on Kafka, PostgreSQL and the EventStoreDB protocol server', () => {
  test(`${COUNT} executions with retries, waits and callbacks survive killing one engine and the projector; views equal a reprojection`, { timeout: 240_000 }, async () => {
    const brokers = process.env.ORDO_KAFKA_BROKERS;
    assert.ok(brokers, 'ORDO_KAFKA_BROKERS must be set (scripts/test.mjs starts a broker)');
    const esdb = await EsdbProtocolTestServer.start({ maxAppendSize: 8 * 1024 * 1024 });
    const store = new EsdbEventStore({ connectionString: esdb.connectionString });
    const bus = new KafkaMessageBus({ brokers: parseBrokers(brokers), clientId: 'distributed-api' });
    // A command topic and engine group of this run only: the broker may be shared with other tests.
    const suffix = randomUUID().slice(0, 8);
    const route = { topic: `${COMMANDS_TOPIC}.run-${suffix}`, groupId: `ordo.engine.run-${suffix}` };
    await bus.admin.createTopics([{ name: route.topic, partitions: PARTITIONS }]);
    const engines = [0, 1].map(() => startEngine(esdb.connectionString, brokers, route.topic, route.groupId));
    const api = apiEngine(store, bus, route);
    const live = viewsSchema('dist_live');
    const rebuilt = viewsSchema('dist_rebuilt');
    const readSide = {
      esdbUrl: esdb.connectionString, brokers, eventsTopic: `${EVENTS_TOPIC}.run-${suffix}`, relayName: `relay-run-${suffix}`,
      projectorGroup: `ordo.projector.run-${suffix}`, viewsSchema: live,
    };
    await bus.admin.createTopics([{ name: readSide.eventsTopic, partitions: 4 }]);
    const readSideProcesses: ChildProcess[] = [];
    const views = await openPgViews(live);
    try {
      readSideProcesses.push(await startReadSide('projector', readSide), await startReadSide('relay', readSide));
      const owned = (e: { lines: string[] }) => e.lines.filter((l) => l.startsWith('owns ')).pop()?.slice(5).split(',').filter(Boolean) ?? [];
      await waitUntil(() => engines.every((e) => owned(e).length > 0) && owned(engines[0]).length + owned(engines[1]).length === PARTITIONS,
        'both engines to own partitions', 60_000);
      await api.deployFlow('mixed', FLOW);
      const names = Array.from({ length: COUNT }, (_, i) => `d${suffix}_${i}`);
      const inputOf = (i: number) => ({ i, flaky: i % 3 === 0, callback: i % 2 === 0 });
      await inParallel(names.map((_, i) => i), 8, async (i) => {
        await api.startExecution({ flowName: 'mixed', executionName: names[i], input: inputOf(i) });
      });
      assert.ok(owned(engines[0]).length > 0, 'the engine about to be killed owns partitions');
      engines[0].child.kill('SIGKILL');
      // Kill -9 the projector mid-run: once the views hold some events and no callback has been reported yet.
      const threshold = COUNT * 4;
      await waitUntil(async () => (await viewsProgress(views)).events >= threshold, `${threshold} events in the views`, 60_000, 200);
      const atKill = await viewsProgress(views);
      await stopProcess(readSideProcesses[0]);
      assert.ok(atKill.running > 0, `the projector was killed mid-run (${atKill.running} executions running in the views, ${atKill.events} events)`);
      readSideProcesses[0] = await startReadSide('projector', readSide);
      const tokens = new HmacTokenService(SECRET);
      const running = new Set(names.map((_, i) => i));
      const reportCallback = async (i: number): Promise<void> => {
        try {
          await api.reportTaskSucceeded(tokens.issue(`${executionIdOf('mixed', names[i])}:route/choices[0]/approve:1`), { approved: true });
        } catch (error) {
          if (!isRuntimeError(error)) throw error; // not parked yet (or already reported): try again on the next round
        }
      };
      try {
        await waitUntil(async () => {
          await inParallel([...running], 8, async (i) => {
            const d = await api.describeExecution('mixed', names[i]);
            if (d.status !== 'Running') running.delete(i);
            else if (inputOf(i).callback) await reportCallback(i);
          });
          return running.size === 0;
        }, 'every execution to finish', 150_000, 250);
      } catch (error) {
        const tails = await Promise.all([...running].slice(0, 10).map((i) => tailOf(store, executionIdOf('mixed', names[i]))));
        throw new Error(`${(error as Error).message}: ${running.size} still running, e.g.\n${tails.join('\n')}`);
      }
      const survivor = engines[1].lines.filter((l) => l.startsWith('owns ')).pop();
      assert.equal(survivor, `owns ${Array.from({ length: PARTITIONS }, (_, p) => p).join(',')}`, 'the surviving engine owns every partition');
      await inParallel(names, 8, async (name) => {
        const d = await api.describeExecution('mixed', name);
        assert.equal(d.status, 'Succeeded', name);
        assert.deepEqual(await duplicateTransitions(store, executionIdOf('mixed', name)), [], name);
      });
      await waitUntil(() => viewsHoldTheLog(views, store), "every execution's last revision to be in the views", 60_000, 500);
      const logged = await store.readAll('start', { streamPrefix: EXECUTION_STREAM_PREFIX });
      const dump = await dumpViews(live);
      assert.equal(dump.executions.length, COUNT, 'one executions row per execution');
      assert.equal(dump.execution_events.length, logged.length, 'one audit-trail row per execution event in the log');
      const rebuiltViews = await openPgViews(rebuilt);
      try {
        await reproject(rebuiltViews, store);
      } finally {
        await rebuiltViews.close();
      }
      assert.deepEqual(dump, await dumpViews(rebuilt), 'the live views equal a full reprojection of the log');
    } finally {
      await api.close();
      for (const e of engines) if (e.child.exitCode === null) e.child.kill('SIGKILL');
      for (const child of readSideProcesses) await stopProcess(child);
      await views.close();
      await dropSchemas(live, rebuilt);
      await bus.close();
      await store.close();
      await esdb.stop();
    }
  });
});
