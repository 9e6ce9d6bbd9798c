// Kafka triggers and kafka: tasks against a real broker; messages are produced with Debian's kcat.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import {
  DLQ_TOPIC, Engine, InMemoryEventStore, KafkaTaskRunner, runKafkaWorker, TaskResultsConsumer, TriggerConsumer,
  type DeadLetter, type MessageBus,
} from '@ordo/runtime';
import { uniqueName, waitUntil } from '@ordo/testing';

const brokers = process.env.ORDO_KAFKA_BROKERS;
if (!brokers) throw new Error('ORDO_KAFKA_BROKERS is not set: run through `npm run test:int` (which starts a broker) or `npm run kafka -- start`.');
if (spawnSync('kcat', ['-V']).status !== 0) throw new Error('kcat is not installed: apt-get install kcat (.ci/run does).');

function kcatProduce(topic: string, lines: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-b', brokers as string, '-P', '-t', topic, '-K', '|']);
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`kcat exited ${code}: ${err.trim()}`))));
    child.stdin.end(lines.join('\n') + '\n');
  });
}

const ECHO = ['version: v1', 'type: flow', 'steps:', '  - type: pass', '    name: echo'].join('\n');

function newEngine(bus?: MessageBus): Engine {
  return new Engine({
    store: new InMemoryEventStore(), checkpointIntervalMs: 0, tokenSecret: 'i'.repeat(32),
    ...(bus ? { runners: { kafka: new KafkaTaskRunner(bus) } } : {}),
  });
}

async function exists(engine: Engine, flow: string, name: string, status = 'Succeeded'): Promise<boolean> {
  return engine.describeExecution(flow, name).then((d) => d.status === status, () => false);
}

describe('Kafka triggers on a real broker', () => {
  const bus = new KafkaMessageBus({ brokers: parseBrokers(brokers) });
  after(() => bus.close());

  test('a message produced with kcat starts an execution; poison messages land in the DLQ without stalling', async () => {
    const topic = uniqueName('orders.created');
    await bus.admin.createTopics([{ name: topic, partitions: 1 }, { name: DLQ_TOPIC, partitions: 1 }]);
    const engine = newEngine();
    await engine.deployFlow('orders', ECHO);
    const consumer = new TriggerConsumer({
      bus, starter: engine,
      trigger: { name: 'new-orders', kafka: { topic, groupId: uniqueName('ordo.trigger'), fromBeginning: true }, flow: 'orders', when: '$.total > 0', executionName: 'order-{$input.id}' },
    });
    await consumer.start();
    await kcatProduce(topic, ['k1|not json', 'k2|{"id":"A1","total":5}', 'k3|[1,2,3]', 'k4|{"id":"A2","total":0}', 'k5|{"id":"A3","total":9}']);
    await waitUntil(async () => await exists(engine, 'orders', 'order-A1') && await exists(engine, 'orders', 'order-A3'), 'both executions', 60_000);
    assert.deepEqual((await engine.describeExecution('orders', 'order-A1')).trigger, { kind: 'kafka', source: `${topic}/0/1` });
    assert.deepEqual({ ...consumer.stats }, { started: 2, duplicates: 0, skipped: 1, deadLettered: 2 });

    const letters: DeadLetter[] = [];
    const dlq = await bus.consume({ groupId: uniqueName('dlq-reader'), topics: [DLQ_TOPIC], fromBeginning: true }, async (batch, c) => {
      for (const m of batch.messages) {
        const letter = JSON.parse(m.value.toString('utf8')) as DeadLetter;
        if (letter.topic === topic) letters.push(letter);
      }
      await c.commit([{ topic: batch.topic, partition: batch.partition, offset: batch.messages.at(-1)!.offset }]);
    });
    await waitUntil(() => letters.length === 2, 'two dead letters of this topic', 60_000);
    assert.deepEqual(letters.map((l) => [l.code, l.key, l.offset, l.trigger]), [
      ['TRIGGER.NOT_JSON', 'k1', '0', 'new-orders'],
      ['TRIGGER.NOT_AN_OBJECT', 'k3', '2', 'new-orders'],
    ]);
    await dlq.close();
    await consumer.close();
    await engine.close();
  });

  test('a kafka: task round trip through a worker (waitForCallback)', async () => {
    const tasks = uniqueName('tasks');
    const results = uniqueName('task-results');
    await bus.admin.createTopics([{ name: tasks, partitions: 2 }, { name: results, partitions: 2 }]);
    const engine = newEngine(bus);
    const flow = ['version: v1', 'type: flow', 'steps:', '  - type: task', '    name: shout', `    resourceArn: kafka:${tasks}`,
      '    pattern: waitForCallback', '    outputMappings:', '      - target: text', '        source: $local.text'].join('\n');
    await engine.deployFlow('shout', flow);
    const resultsConsumer = new TaskResultsConsumer({ bus, reporter: engine, topic: results, groupId: uniqueName('ordo.task-results') });
    await resultsConsumer.start();
    const worker = await runKafkaWorker({
      bus, topic: tasks, groupId: uniqueName('workers'), resultsTopic: results,
      handler: (task) => ({ text: String(task.input.text).toUpperCase() }),
    });
    for (const n of [1, 2, 3]) await engine.startExecution({ flowName: 'shout', executionName: `e${n}`, input: { text: `hello ${n}` } });
    await waitUntil(async () => (await Promise.all([1, 2, 3].map((n) => exists(engine, 'shout', `e${n}`)))).every(Boolean), 'three executions succeeded', 60_000);
    assert.deepEqual((await engine.describeExecution('shout', 'e2')).output, { text: 'HELLO 2' });
    assert.equal(resultsConsumer.stats.applied, 3);
    await worker.close();
    await resultsConsumer.close();
    await engine.close();
  });
});
