// Faults on real services: while executions keep appending to the SQLite store, the relay and the
// projector (child processes) are killed with SIGKILL at random points and the broker (a private
// one) is stopped and started again. After restarts the PostgreSQL views must equal a full
// reprojection of the log: no lost and no duplicated rows.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { executionEventsBehind, reproject, type ReadModelStore } from '@ordo/read-models';
import { EXECUTION_STREAM_PREFIX, type Engine } from '@ordo/runtime';
import { SqliteEventStore } from '@ordo/store-sqlite';
import { uniqueName, waitUntil } from '@ordo/testing';
import { kill, seededRandom, startRole } from './support/children';
import { ORDER_FLOW_NAME, orderEngine, waitForEnd } from './support/order-flow';
import { dropSchemas, dumpViews, openPgViews, pgUrl, viewsSchema } from './support/pg-views';
import { viewsHoldTheLog } from './support/views-vs-store';
import { PrivateBroker } from './support/private-broker';

const seed = Number(process.env.PIPE_SEED ?? Date.now() % 1_000_000);
const random = seededRandom(seed);

async function eventCount(views: ReadModelStore): Promise<number> {
  const page = await views.listExecutions({}, { first: 1000, withTotalCount: false });
  return page.edges.reduce((sum, e) => sum + e.node.lastRevision + 1, 0);
}

const startFailures: unknown[] = [];

/** Starts `size` executions without waiting for them (the pipeline runs while they do). */
function startWave(engine: Engine, wave: number, size: number): string[] {
  const names = Array.from({ length: size }, (_, i) => `w${wave}-${i}`);
  for (const [i, name] of names.entries()) {
    engine.startExecution({ flowName: ORDER_FLOW_NAME, executionName: name, input: { total: i % 7 === 3 ? 2000 : 10 + i }, trigger: { kind: 'api' } })
      .catch((e: unknown) => startFailures.push(e));
  }
  return names;
}

describe(`read-side pipeline under faults (PIPE_SEED=${seed})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-pipeline-faults-'));
  const live = viewsSchema('faults_live');
  const rebuilt = viewsSchema('faults_rebuilt');
  let broker: PrivateBroker | undefined;
  const children: ChildProcess[] = [];
  after(async () => {
    for (const child of children) await kill(child);
    await broker?.destroy();
    await dropSchemas(live, rebuilt);
    rmSync(dir, { recursive: true, force: true });
  });

  test('kills of relay and projector and a broker restart leave views equal to a reprojection', async (t) => {
    const began = Date.now();
    const step = (what: string): void => t.diagnostic(`${Date.now() - began} ms: ${what}`);
    broker = await PrivateBroker.start();
    const path = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ path });
    const engine = await orderEngine(store);
    const topic = uniqueName('faults.events');
    const admin = new KafkaMessageBus({ brokers: parseBrokers(broker.brokers) });
    await admin.admin.createTopics([{ name: topic, partitions: 3 }]);
    await admin.close();
    const env = {
      ORDO_KAFKA_BROKERS: broker.brokers, ORDO_TEST_PG_URL: pgUrl as string, PIPE_DB: path, PIPE_TOPIC: topic,
      PIPE_RELAY_NAME: `relay_${topic.replace(/\W/g, '_')}`, PIPE_GROUP: uniqueName('projector'), PIPE_SCHEMA: live, PIPE_BATCH: '25', PIPE_MEMBERS: '2',
    };
    const role = async (name: 'relay' | 'projector'): Promise<ChildProcess> => {
      const child = await startRole({ ...env, PIPE_ROLE: name });
      children.push(child);
      return child;
    };
    const views = await openPgViews(live);
    const names: string[] = [];
    try {
      step('broker, store and engine ready');
      let projector = await role('projector');
      let relay = await role('relay');
      step('relay and projector started');
      names.push(...startWave(engine, 1, 20));
      const firstKill = 30 + Math.floor(random() * 200);
      await waitUntil(async () => (await eventCount(views)) >= firstKill, `${firstKill} events in the views`);
      await kill(projector);
      projector = await role('projector');
      step('projector killed and restarted');
      names.push(...startWave(engine, 2, 20));
      const secondKill = (await eventCount(views)) + 20 + Math.floor(random() * 200);
      await waitUntil(async () => (await eventCount(views)) >= secondKill, `${secondKill} events in the views`);
      await kill(relay);
      await kill(projector);
      relay = await role('relay');
      projector = await role('projector');
      step('relay and projector killed and restarted');
      names.push(...startWave(engine, 3, 20));
      const brokerStop = (await eventCount(views)) + Math.floor(random() * 150);
      await waitUntil(async () => (await eventCount(views)) >= brokerStop, `${brokerStop} events before the broker stops`);
      await broker.stop();
      step('broker stopped');
      names.push(...startWave(engine, 4, 20));
      await waitForEnd(engine, names);
      await kill(relay);
      await broker.restart();
      relay = await role('relay');
      step('broker restarted, relay restarted');
      await waitForEnd(engine, names);
      await waitUntil(() => viewsHoldTheLog(views, store), 'the views to hold every event of the log', 180_000);
      assert.equal(await executionEventsBehind(views, store), 0);
      step('views caught up');
      assert.deepEqual(startFailures, []);
      const logged = await store.readAll('start', { streamPrefix: EXECUTION_STREAM_PREFIX });
      const dump = await dumpViews(live);
      assert.equal(dump.executions.length, names.length, 'one executions row per execution');
      assert.equal(dump.execution_events.length, logged.length, 'one audit-trail row per execution event in the log');
      const rebuiltViews = await openPgViews(rebuilt);
      try {
        await reproject(rebuiltViews, store);
      } finally {
        await rebuiltViews.close();
      }
      assert.deepEqual(dump, await dumpViews(rebuilt), 'live views equal a full reprojection');
      const metrics = await views.flowMetrics(ORDER_FLOW_NAME, { window: '1h' });
      assert.equal(metrics.started, names.length);
      assert.equal(metrics.running, 0);
    } finally {
      for (const child of children) await kill(child, 'SIGTERM');
      await engine.close();
      await views.close();
      await store.close();
    }
  });
});
