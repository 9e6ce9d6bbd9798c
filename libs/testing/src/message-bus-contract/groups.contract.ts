import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BusConsumer, RebalanceEvent, TopicPartition } from '@ordo/runtime';
import { BusFixture, Received, recordingConsumer, uniqueName, waitUntil, type OpenMessageBus } from './fixture';

const partitionsOf = (c: BusConsumer): number[] => c.assignment().map((p: TopicPartition) => p.partition).sort();

function splitsAll(a: BusConsumer, b: BusConsumer, count: number): boolean {
  const pa = partitionsOf(a);
  const pb = partitionsOf(b);
  return pa.length > 0 && pb.length > 0 && pa.length + pb.length === count && new Set([...pa, ...pb]).size === count;
}

/** Consumer groups: load sharing, independent groups, commits and redelivery, start position, rebalances. */
export function groupsContract(open: OpenMessageBus): void {
  test('members of one group split the partitions and each message goes to one member', async () => {
    const fx = new BusFixture(open);
    try {
      const topic = uniqueName('contract.share');
      const groupId = uniqueName('g');
      const bus1 = await fx.open();
      const bus2 = await fx.open();
      await bus1.admin.createTopics([{ name: topic, partitions: 4 }]);
      const a = await recordingConsumer(bus1, { groupId, topics: [topic] });
      const b = await recordingConsumer(bus2, { groupId, topics: [topic] });
      await waitUntil(() => splitsAll(a.consumer, b.consumer, 4), 'both members to own disjoint partitions covering all 4');
      const values = Array.from({ length: 40 }, (_, i) => `m${i}`);
      await bus1.publishBatch(topic, values.map((v, i) => ({ key: `key-${i % 20}`, value: v })));
      await waitUntil(() => a.received.messages.length + b.received.messages.length >= 40, '40 messages across both members');
      assert.deepEqual([...a.received.values(), ...b.received.values()].sort(), [...values].sort());
      assert.ok(a.received.messages.length > 0 && b.received.messages.length > 0, 'both members got work');
      const ownedByA = new Set(partitionsOf(a.consumer));
      assert.ok(a.received.messages.every((m) => ownedByA.has(m.partition)), 'a member only gets its own partitions');
    } finally {
      await fx.close();
    }
  });

  test('different groups each receive every message', async () => {
    const fx = new BusFixture(open);
    try {
      const bus = await fx.open();
      const topic = uniqueName('contract.fanout');
      await bus.admin.createTopics([{ name: topic, partitions: 2 }]);
      await bus.publishBatch(topic, Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })));
      const one = await recordingConsumer(bus, { groupId: uniqueName('g1'), topics: [topic] });
      const two = await recordingConsumer(bus, { groupId: uniqueName('g2'), topics: [topic] });
      await one.received.waitForCount(10);
      await two.received.waitForCount(10);
      assert.deepEqual(one.received.values().sort(), two.received.values().sort());
    } finally {
      await fx.close();
    }
  });

  test('uncommitted messages are redelivered to the next member; committed ones are not', async () => {
    const fx = new BusFixture(open);
    try {
      const topic = uniqueName('contract.redeliver');
      const groupId = uniqueName('g');
      const first = await fx.open();
      await first.admin.createTopics([{ name: topic, partitions: 1 }]);
      await first.publishBatch(topic, Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: `m${i}` })));
      const seen: string[] = [];
      const a = await first.consume({ groupId, topics: [topic] }, async (batch, consumer) => {
        seen.push(...batch.messages.map((m) => m.value.toString()));
        const upToFive = batch.messages.filter((m) => Number(m.value.toString().slice(1)) < 5);
        if (upToFive.length > 0) await consumer.commit([{ topic, partition: 0, offset: upToFive[upToFive.length - 1].offset }]);
      });
      await waitUntil(() => seen.length >= 10, 'the first member to see all 10 messages');
      await a.close();
      await first.close();

      const second = await fx.open();
      const b = await recordingConsumer(second, { groupId, topics: [topic] });
      await b.received.waitForCount(5);
      assert.deepEqual(b.received.values().slice(0, 5), ['m5', 'm6', 'm7', 'm8', 'm9']);
      await b.consumer.close();

      await second.publish(topic, { key: 'k', value: 'm10' });
      const c = await recordingConsumer(second, { groupId, topics: [topic] });
      await c.received.waitForCount(1);
      assert.equal(c.received.values()[0], 'm10', 'everything the previous member committed stays consumed');
    } finally {
      await fx.close();
    }
  });

  test('fromBeginning: false starts a new group at the end of the partitions', async () => {
    const fx = new BusFixture(open);
    try {
      const bus = await fx.open();
      const topic = uniqueName('contract.latest');
      await bus.admin.createTopics([{ name: topic, partitions: 1 }]);
      await bus.publish(topic, { key: 'k', value: 'old' });
      const { received } = await recordingConsumer(bus, { groupId: uniqueName('g'), topics: [topic], fromBeginning: false });
      await bus.publish(topic, { key: 'k', value: 'new' });
      await received.waitForCount(1);
      assert.deepEqual(received.values(), ['new']);
    } finally {
      await fx.close();
    }
  });

  test('rebalance listeners report what a member gains and loses', async () => {
    const fx = new BusFixture(open);
    try {
      const topic = uniqueName('contract.rebalance');
      const groupId = uniqueName('g');
      const bus1 = await fx.open();
      const bus2 = await fx.open();
      await bus1.admin.createTopics([{ name: topic, partitions: 2 }]);
      const events: RebalanceEvent[] = [];
      const a = await bus1.consume({ groupId, topics: [topic], onRebalance: (e) => { events.push(e); } }, new Received().handler);
      await waitUntil(() => partitionsOf(a).length === 2, 'the only member to own both partitions');
      assert.deepEqual(events[0].assigned.map((p) => p.partition).sort(), [0, 1]);
      const b = await bus2.consume({ groupId, topics: [topic] }, new Received().handler);
      await waitUntil(() => splitsAll(a, b, 2), 'the two members to own one partition each');
      await waitUntil(() => events.some((e) => e.revoked.length === 1), 'the first member to be told it lost a partition');
      const last = events[events.length - 1];
      assert.deepEqual(last.current.map((p) => p.partition), partitionsOf(a));
      await b.close();
      await waitUntil(() => partitionsOf(a).length === 2, 'the remaining member to get both partitions back');
    } finally {
      await fx.close();
    }
  });
}
