import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BusFixture, Received, uniqueName, waitUntil, type OpenMessageBus } from './fixture';

/** Pause/resume and handler failures. */
export function flowControlContract(open: OpenMessageBus): void {
  test('a paused topic delivers nothing until resumed while other topics go on', async () => {
    const fx = new BusFixture(open);
    try {
      const bus = await fx.open();
      const paused = uniqueName('contract.paused');
      const running = uniqueName('contract.running');
      await bus.admin.createTopics([{ name: paused, partitions: 1 }, { name: running, partitions: 1 }]);
      const received = new Received();
      const consumer = await bus.consume({ groupId: uniqueName('g'), topics: [paused, running] }, received.handler);
      await waitUntil(() => consumer.assignment().length === 2, 'the member to own both topics');
      consumer.pause([{ topic: paused }]);
      await bus.publish(paused, { key: 'k', value: 'held' });
      await bus.publish(running, { key: 'k', value: 'r1' });
      await bus.publish(running, { key: 'k', value: 'r2' });
      await waitUntil(() => received.values().includes('r2'), 'the running topic to deliver');
      assert.ok(!received.values().includes('held'), 'the paused topic delivered a message');
      consumer.resume([{ topic: paused }]);
      await waitUntil(() => received.values().includes('held'), 'the resumed topic to deliver');
    } finally {
      await fx.close();
    }
  });

  test('pause() with no argument pauses everything; resume() restarts delivery', async () => {
    const fx = new BusFixture(open);
    try {
      const bus = await fx.open();
      const topic = uniqueName('contract.pauseall');
      const control = uniqueName('contract.control');
      await bus.admin.createTopics([{ name: topic, partitions: 2 }, { name: control, partitions: 1 }]);
      const received = new Received();
      const consumer = await bus.consume({ groupId: uniqueName('g'), topics: [topic] }, received.handler);
      const probe = new Received();
      await bus.consume({ groupId: uniqueName('probe'), topics: [topic] }, probe.handler);
      await waitUntil(() => consumer.assignment().length === 2, 'the member to own both partitions');
      consumer.pause();
      await bus.publishBatch(topic, [{ key: 'a', value: 'x1' }, { key: 'b', value: 'x2' }]);
      await probe.waitForCount(2, 'another group to see both messages');
      assert.equal(received.messages.length, 0, 'a paused consumer received messages');
      consumer.resume();
      await received.waitForCount(2);
    } finally {
      await fx.close();
    }
  });

  test('a failing handler gets the same batch again after a back-off, and onError is told', async () => {
    const fx = new BusFixture(open);
    try {
      const bus = await fx.open();
      const topic = uniqueName('contract.failure');
      await bus.admin.createTopics([{ name: topic, partitions: 1 }]);
      await bus.publishBatch(topic, Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: `m${i}` })));
      const deliveries: string[][] = [];
      const errors: unknown[] = [];
      let failures = 1;
      await bus.consume({ groupId: uniqueName('g'), topics: [topic], onError: (e) => errors.push(e) }, async (batch, consumer) => {
        deliveries.push(batch.messages.map((m) => m.value.toString()));
        if (failures-- > 0) throw new Error('handler failed on purpose');
        await consumer.commit([{ topic, partition: 0, offset: batch.messages[batch.messages.length - 1].offset }]);
      });
      await waitUntil(() => deliveries.slice(1).flat().includes('m4'), 'the batch to be redelivered through m4');
      assert.equal(deliveries[1][0], deliveries[0][0], 'redelivery starts at the failed batch');
      assert.deepEqual(deliveries.slice(1).flat(), ['m0', 'm1', 'm2', 'm3', 'm4']);
      assert.equal(errors.length, 1);
      assert.match(String(errors[0]), /failed on purpose/);
    } finally {
      await fx.close();
    }
  });
}
