import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DLQ_TOPIC, executionIdOf, executionStream, RuntimeError, TriggerConsumer,
  type DeadLetter, type ExecutionStarter, type KafkaTriggerConfig, type MessageBus,
} from '@ordo/runtime';
import { collect, ECHO_FLOW, localBus, makeEngine, streamTypes, unique, waitFor } from './triggers-support';

function trigger(topic: string, extra: Partial<KafkaTriggerConfig> = {}): KafkaTriggerConfig {
  return { name: 'new-orders', kafka: { topic, groupId: unique('g'), fromBeginning: true }, flow: 'orders', ...extra };
}

async function setup(extra: Partial<KafkaTriggerConfig> = {}) {
  const bus = localBus();
  const { engine, store } = makeEngine();
  await engine.deployFlow('orders', ECHO_FLOW);
  const topic = unique('orders.created');
  const consumer = new TriggerConsumer({ bus, starter: engine, trigger: trigger(topic, extra) });
  const publish = (value: unknown, key: string | null = null) =>
    bus.publish(topic, { key, value: typeof value === 'string' ? value : JSON.stringify(value) });
  const close = async () => { await consumer.close(); await engine.close(); await bus.close(); };
  return { bus, engine, store, topic, consumer, publish, close };
}

async function deadLetters(bus: MessageBus, count: number): Promise<DeadLetter[]> {
  const dlq = await collect(bus, DLQ_TOPIC);
  await waitFor(() => dlq.messages.length >= count, `${count} dead letters`);
  await dlq.stop();
  return dlq.json() as unknown as DeadLetter[];
}

describe('TriggerConsumer', () => {
  test('starts one execution per message, named <trigger>-<partition>-<offset>, with the Kafka source', async () => {
    const t = await setup();
    await t.consumer.start();
    await t.publish({ id: 'A1', total: 5 });
    await t.publish({ id: 'A2', total: 7 });
    await waitFor(() => t.consumer.stats.started === 2, 'two starts');
    const first = await t.engine.describeExecution('orders', 'new-orders-0-0');
    assert.deepEqual(first.input, { id: 'A1', total: 5 });
    assert.deepEqual(first.trigger, { kind: 'kafka', source: `${t.topic}/0/0` });
    assert.deepEqual((await t.engine.describeExecution('orders', 'new-orders-0-1')).input, { id: 'A2', total: 7 });
    await t.close();
  });

  test('a redelivered message never starts a second execution', async () => {
    const t = await setup();
    await t.consumer.start();
    await t.publish({ id: 'A1' });
    await waitFor(() => t.consumer.stats.started === 1, 'first start');
    // A second member of a fresh group reads the same message again: a redelivery.
    const again = new TriggerConsumer({ bus: t.bus, starter: t.engine, trigger: trigger(t.topic) });
    await again.start();
    await waitFor(() => again.stats.started + again.stats.duplicates === 1, 'redelivery handled');
    const started = (await streamTypes(t.store, executionStream(executionIdOf('orders', 'new-orders-0-0')))).filter((type) => type === 'ExecutionStarted');
    assert.equal(started.length, 1);
    await again.close();
    await t.close();
  });

  test('a crash after the start and before the commit redelivers the message and still starts once', async () => {
    const bus = localBus();
    const { engine, store } = makeEngine();
    await engine.deployFlow('orders', ECHO_FLOW);
    let calls = 0;
    const flaky: ExecutionStarter = {
      startExecution: async (request) => {
        const call = ++calls;
        const result = await engine.startExecution(request);
        if (call === 1) throw new RuntimeError('RUNTIME.ENGINE_STOPPED', 'The engine stopped before the commit.');
        return result;
      },
      describeExecution: (f, n) => engine.describeExecution(f, n),
    };
    const topic = unique('orders.created');
    const consumer = new TriggerConsumer({ bus, starter: flaky, trigger: trigger(topic) });
    await consumer.start();
    await bus.publish(topic, { value: '{"id":"A1"}' });
    await waitFor(() => consumer.stats.started + consumer.stats.duplicates === 1, 'the redelivery handled');
    assert.equal(calls, 2, 'the message was delivered twice');
    const events = await streamTypes(store, executionStream(executionIdOf('orders', 'new-orders-0-0')));
    assert.equal(events.filter((type) => type === 'ExecutionStarted').length, 1);
    assert.equal(consumer.stats.deadLettered, 0);
    await consumer.close();
    await engine.close();
    await bus.close();
  });

  test('poison messages go to the DLQ with the reason, and the consumer moves on', async () => {
    const t = await setup();
    await t.consumer.start();
    await t.publish('not json {', 'k1');
    await t.publish([1, 2]);
    await t.bus.publish(t.topic, { key: 'k3', value: '{"id":"good"}', headers: { trace: 'abc' } });
    await waitFor(() => t.consumer.stats.started === 1 && t.consumer.stats.deadLettered === 2, 'one start and two dead letters');
    const letters = await deadLetters(t.bus, 2);
    assert.deepEqual(letters.map((l) => [l.code, l.offset, l.key, l.value]), [
      ['TRIGGER.NOT_JSON', '0', 'k1', 'not json {'],
      ['TRIGGER.NOT_AN_OBJECT', '1', null, '[1,2]'],
    ]);
    assert.equal(letters[0].trigger, 'new-orders');
    assert.equal(letters[0].topic, t.topic);
    assert.equal(letters[0].partition, 0);
    assert.match(letters[0].reason, new RegExp(`^Trigger new-orders: message ${t.topic.replace(/\./g, '\\.')}/0/0 is not JSON`));
    assert.equal((await t.engine.describeExecution('orders', 'new-orders-0-2')).status, 'Succeeded');
    await t.close();
  });

  test('a missing flow dead-letters the message with TRIGGER.FLOW_NOT_FOUND and headers', async () => {
    const t = await setup({ flow: 'nope' });
    await t.consumer.start();
    await t.bus.publish(t.topic, { key: 'k', value: '{"id":1}', headers: { trace: 'abc' } });
    await waitFor(() => t.consumer.stats.deadLettered === 1, 'dead letter');
    const dlq = await collect(t.bus, DLQ_TOPIC);
    await waitFor(() => dlq.messages.length === 1, 'DLQ message');
    const [message] = dlq.messages;
    assert.equal(message.key, 'k');
    assert.equal(message.headers.trace, 'abc');
    assert.equal(message.headers['ordo-dlq-code'], 'TRIGGER.FLOW_NOT_FOUND');
    assert.equal(message.headers['ordo-dlq-offset'], '0');
    assert.match(JSON.parse(message.value.toString()).reason, /flow nope is not deployed/);
    await dlq.stop();
    await t.close();
  });

  test('when false skips the message without dead-lettering it', async () => {
    const t = await setup({ when: '$.total > 0' });
    await t.consumer.start();
    await t.publish({ total: 0 });
    await t.publish({ total: 3 });
    await waitFor(() => t.consumer.stats.started === 1 && t.consumer.stats.skipped === 1, 'one start, one skip');
    await assert.rejects(t.engine.describeExecution('orders', 'new-orders-0-0'));
    assert.equal((await t.engine.describeExecution('orders', 'new-orders-0-1')).status, 'Succeeded');
    assert.equal(t.consumer.stats.deadLettered, 0);
    await t.close();
  });

  test('inputMappings build the input; executionName templates name the execution', async () => {
    const t = await setup({
      inputMappings: [{ target: 'orderId', source: '$input.id' }, { target: 'offset', source: '$context.trigger.offset' }],
      executionName: 'order-{$input.id}',
    });
    await t.consumer.start();
    await t.publish({ id: 42, total: 1 });
    await waitFor(() => t.consumer.stats.started === 1, 'start');
    const d = await t.engine.describeExecution('orders', 'order-42');
    assert.deepEqual(d.input, { orderId: 42, offset: '0' });
    await t.close();
  });

  test('a second message with the same business key is a duplicate; a name taken by the API is dead-lettered', async () => {
    const t = await setup({ executionName: '$input.id' });
    await t.engine.startExecution({ flowName: 'orders', executionName: 'taken', input: {} });
    await t.consumer.start();
    await t.publish({ id: 'A1' });
    await t.publish({ id: 'A1', again: true });
    await t.publish({ id: 'taken' });
    await t.publish({ id: 7 });
    await waitFor(() => t.consumer.stats.started + t.consumer.stats.duplicates + t.consumer.stats.deadLettered === 4, 'four messages handled');
    assert.deepEqual({ ...t.consumer.stats }, { started: 1, duplicates: 1, skipped: 0, deadLettered: 2 });
    assert.deepEqual((await t.engine.describeExecution('orders', 'A1')).input, { id: 'A1' });
    const letters = await deadLetters(t.bus, 2);
    assert.deepEqual(letters.map((l) => l.code), ['TRIGGER.EXECUTION_NAME_TAKEN', 'TRIGGER.INVALID_EXECUTION_NAME']);
    assert.match(letters[0].reason, /already started by api/);
    await t.close();
  });

  test('a redelivered message whose execution already finished is skipped, not dead-lettered', async () => {
    const t = await setup();
    await t.consumer.start();
    await t.publish({ id: 'A1' });
    await waitFor(async () => t.consumer.stats.started === 1 && (await t.engine.describeExecution('orders', 'new-orders-0-0')).status === 'Succeeded', 'finished');
    const again = new TriggerConsumer({ bus: t.bus, starter: t.engine, trigger: trigger(t.topic) });
    await again.start();
    await waitFor(() => again.stats.duplicates === 1, 'duplicate');
    assert.equal(again.stats.deadLettered, 0);
    await again.close();
    await t.close();
  });
});
