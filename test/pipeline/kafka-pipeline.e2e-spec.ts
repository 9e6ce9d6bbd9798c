// End to end on real services: a kcat-produced message starts an execution through a Kafka
// trigger; its events go SQLite store → relay → Kafka → projector → PostgreSQL views, and the
// views answer what the store says; a reprojection from the log gives the very same rows. A poison
// message on the events topic goes to the DLQ without stalling the projector.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { NOT_AN_EVENT, Projector, ProjectorConsumer, executionEventsBehind, reproject } from '@ordo/read-models';
import { DLQ_TOPIC, EventRelay, EventStoreCheckpointStore, TriggerConsumer, parseTriggersConfig, type BusMessage } from '@ordo/runtime';
import { SqliteEventStore } from '@ordo/store-sqlite';
import { uniqueName, waitUntil } from '@ordo/testing';
import { ORDER_FLOW_NAME, orderEngine, waitForEnd } from './support/order-flow';
import { dropSchemas, dumpViews, openPgViews, viewsSchema } from './support/pg-views';
import { assertViewsMatchStore, viewsHoldTheLog } from './support/views-vs-store';

const brokers = process.env.ORDO_KAFKA_BROKERS;
if (!brokers) throw new Error('ORDO_KAFKA_BROKERS is not set: run through `npm run test:e2e` (which starts a broker) or `npm run kafka -- start`.');
if (spawnSync('kcat', ['-V']).status !== 0) throw new Error('kcat is not installed: apt-get install kcat (.ci/run does).');

function kcatProduce(topic: string, lines: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-b', brokers as string, '-P', '-t', topic, '-K', '|']);
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`kcat -P -t ${topic} exited ${code}: ${err.trim()}`))));
    child.stdin.end(lines.join('\n') + '\n');
  });
}

describe('read-side pipeline: kcat → trigger → engine → relay → Kafka → projector → PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-pipeline-e2e-'));
  const bus = new KafkaMessageBus({ brokers: parseBrokers(brokers) });
  const live = viewsSchema('pipe_live');
  const rebuilt = viewsSchema('pipe_rebuilt');
  after(async () => {
    await bus.close();
    await dropSchemas(live, rebuilt);
    rmSync(dir, { recursive: true, force: true });
  });

  test('messages produced with kcat end up as executions whose views match the store and a reprojection', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const engine = await orderEngine(store);
    const ordersTopic = uniqueName('orders.created');
    const eventsTopic = uniqueName('test.events');
    await bus.admin.createTopics([{ name: ordersTopic, partitions: 2 }, { name: eventsTopic, partitions: 3 }]);
    const [trigger] = parseTriggersConfig({ triggers: [{
      name: 'new-orders', flow: ORDER_FLOW_NAME, when: '$.total > 0', executionName: '$input.id',
      kafka: { topic: ordersTopic, groupId: uniqueName('trigger'), fromBeginning: true },
    }] }).triggers;
    const triggers = new TriggerConsumer({ bus, starter: engine, trigger });
    const relay = new EventRelay({
      store, bus, topic: eventsTopic, checkpoints: new EventStoreCheckpointStore(store), name: `relay_${eventsTopic.replace(/\W/g, '_')}`,
    });
    const views = await openPgViews(live);
    const projector = new Projector(views);
    const consumer = new ProjectorConsumer({ bus, topic: eventsTopic, groupId: uniqueName('projector'), apply: projector.handle });
    const names = ['o-1', 'o-2', 'o-3', 'o-4'];
    try {
      await kcatProduce(eventsTopic, ['junk|this is not an Ordo event']);
      await Promise.all([triggers.start(), relay.start(), consumer.start()]);
      await kcatProduce(ordersTopic, [
        'o-1|{"id":"o-1","total":10}', 'o-2|{"id":"o-2","total":5000}', 'o-3|{"id":"o-3","total":42}',
        'o-4|{"id":"o-4","total":7}', 'o-5|{"id":"o-5","total":0}',
      ]);
      await waitUntil(async () => (await Promise.all(names.map((n) => engine.describeExecution(ORDER_FLOW_NAME, n).then(() => true, () => false)))).every(Boolean),
        'the trigger to start o-1..o-4');
      await waitForEnd(engine, names);
      await waitUntil(() => viewsHoldTheLog(views, store), 'the views to hold every event of the log');
      assert.equal(await executionEventsBehind(views, store), 0);

      await assertViewsMatchStore(views, store, engine, names);
      const rows = await Promise.all(names.map((n) => views.getExecution(ORDER_FLOW_NAME, n)));
      assert.deepEqual(rows.map((r) => r?.triggerKind), names.map(() => 'kafka'));
      assert.equal((await views.getExecution(ORDER_FLOW_NAME, 'o-2'))?.error, 'TooLarge');
      assert.equal(await views.getExecution(ORDER_FLOW_NAME, 'o-5'), null, 'the `when` condition filtered o-5 out');
      const metrics = await views.flowMetrics(ORDER_FLOW_NAME, { window: '1h' });
      assert.deepEqual([metrics.started, metrics.succeeded, metrics.failed, metrics.retries, metrics.running], [4, 3, 1, 2, 0]);

      const deadLetters: BusMessage[] = [];
      const dlq = await bus.consume({ groupId: uniqueName('dlq-check'), topics: [DLQ_TOPIC] }, async (batch) => {
        deadLetters.push(...batch.messages.filter((m) => m.headers['ordo-dlq-topic'] === eventsTopic));
      });
      await waitUntil(() => deadLetters.length > 0, 'the poison message in the DLQ');
      await dlq.close();
      assert.equal(deadLetters[0].headers['ordo-dlq-code'], NOT_AN_EVENT);
      assert.equal(JSON.parse(deadLetters[0].value.toString('utf8')).value, 'this is not an Ordo event');

      const rebuiltViews = await openPgViews(rebuilt);
      try {
        await reproject(rebuiltViews, store);
      } finally {
        await rebuiltViews.close();
      }
      assert.deepEqual(await dumpViews(live), await dumpViews(rebuilt));
    } finally {
      await Promise.all([triggers.close(), relay.stop(), consumer.close()]);
      await projector.stop();
      await engine.close();
      await views.close();
      await store.close();
    }
  });
});
