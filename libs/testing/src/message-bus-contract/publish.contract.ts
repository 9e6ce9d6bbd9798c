import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BusMessage } from '@ordo/runtime';
import { BusFixture, recordingConsumer, uniqueName, waitUntil, type OpenMessageBus } from './fixture';

/** Publishing and consuming: payload fidelity, receipts, per-key order. */
export function publishContract(open: OpenMessageBus): void {
  test('key, value bytes and headers round-trip; receipts name the partition and offset', async () => {
    const fx = new BusFixture(open);
    try {
      const bus = await fx.open();
      const topic = uniqueName('contract.roundtrip');
      await bus.admin.createTopics([{ name: topic, partitions: 1 }]);
      const binary = Uint8Array.from([0, 1, 2, 254, 255]);
      const r1 = await bus.publish(topic, { key: 'exec-1', value: '{"ünï":"cödé 🚀"}', headers: { 'ordo-type': 'StepEntered', empty: '' } });
      const r2 = await bus.publish(topic, { key: null, value: binary });
      assert.deepEqual([r1.topic, r1.partition, r2.partition], [topic, 0, 0]);
      assert.equal(BigInt(r2.baseOffset), BigInt(r1.baseOffset) + 1n);
      const { received } = await recordingConsumer(bus, { groupId: uniqueName('g'), topics: [topic] });
      await received.waitForCount(2);
      const [m1, m2] = received.messages;
      assert.deepEqual([m1.key, m1.value.toString('utf8'), m1.headers], ['exec-1', '{"ünï":"cödé 🚀"}', { 'ordo-type': 'StepEntered', empty: '' }]);
      assert.deepEqual([m2.key, [...m2.value]], [null, [...binary]]);
      assert.deepEqual([m1.offset, m2.offset], [r1.baseOffset, r2.baseOffset]);
      assert.ok(m1.timestamp > 0 && m1.topic === topic && m1.partition === 0);
    } finally {
      await fx.close();
    }
  });

  test('messages with the same key keep their order and their partition (publishBatch and publish)', async () => {
    const fx = new BusFixture(open);
    try {
      const bus = await fx.open();
      const topic = uniqueName('contract.order');
      await bus.admin.createTopics([{ name: topic, partitions: 4 }]);
      const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
      const batch = Array.from({ length: 60 }, (_, i) => ({ key: keys[i % keys.length], value: `${keys[i % keys.length]}:${i}` }));
      const receipts = await bus.publishBatch(topic, batch.slice(0, 30));
      for (const m of batch.slice(30, 36)) receipts.push(await bus.publish(topic, m));
      receipts.push(...await bus.publishBatch(topic, batch.slice(36)));
      assert.equal(receipts.length, 60, 'one receipt per message');
      const { received } = await recordingConsumer(bus, { groupId: uniqueName('g'), topics: [topic], maxBatchSize: 7 });
      await received.waitForCount(60);
      for (const key of keys) {
        const mine = received.messages.filter((m) => m.key === key);
        assert.deepEqual(mine.map((m) => m.value.toString()), batch.filter((m) => m.key === key).map((m) => m.value), `order of key ${key}`);
        assert.equal(new Set(mine.map((m) => m.partition)).size, 1, `key ${key} stays in one partition`);
      }
      assert.ok(new Set(received.messages.map((m) => m.partition)).size > 1, 'six keys spread over more than one of four partitions');
      for (const [i, m] of batch.entries()) {
        const got = received.messages.find((r) => r.value.toString() === m.value);
        assert.deepEqual([got?.partition, got?.offset], [receipts[i].partition, receipts[i].baseOffset], `receipt of ${m.value}`);
      }
    } finally {
      await fx.close();
    }
  });

  test('every batch holds consecutive messages of one partition', async () => {
    const fx = new BusFixture(open);
    try {
      const bus = await fx.open();
      const topic = uniqueName('contract.batches');
      await bus.admin.createTopics([{ name: topic, partitions: 2 }]);
      await bus.publishBatch(topic, Array.from({ length: 40 }, (_, i) => ({ key: `k${i % 5}`, value: String(i) })));
      const batches: { partition: number; messages: readonly BusMessage[] }[] = [];
      await bus.consume({ groupId: uniqueName('g'), topics: [topic] }, async (b, c) => {
        batches.push(b);
        await c.commit([{ topic, partition: b.partition, offset: b.messages[b.messages.length - 1].offset }]);
      });
      await waitUntil(() => batches.reduce((n, b) => n + b.messages.length, 0) >= 40, '40 messages in batches');
      for (const b of batches) {
        assert.ok(b.messages.every((m) => m.partition === b.partition && m.topic === topic));
        b.messages.forEach((m, i) => i > 0 && assert.equal(BigInt(m.offset), BigInt(b.messages[i - 1].offset) + 1n));
      }
    } finally {
      await fx.close();
    }
  });
}
