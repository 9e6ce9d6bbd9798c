import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBusError } from '@ordo/runtime';
import { BusFixture, uniqueName, type OpenMessageBus } from './fixture';

/** Topic administration: idempotent creation, partition counts, listing, deletion, name checks. */
export function adminContract(open: OpenMessageBus): void {
  test('createTopics is idempotent and never changes an existing topic', async () => {
    const fx = new BusFixture(open);
    try {
      const bus = await fx.open();
      const topic = uniqueName('contract.admin');
      await bus.admin.createTopics([{ name: topic, partitions: 3 }]);
      await bus.admin.createTopics([{ name: topic, partitions: 3 }]);
      await bus.admin.createTopics([{ name: topic, partitions: 5 }]);
      assert.equal(await bus.admin.partitionCount(topic), 3);
      assert.ok((await bus.admin.listTopics()).includes(topic));
    } finally {
      await fx.close();
    }
  });

  test('partitionCount is undefined for a missing topic, and deleteTopics removes a topic', async () => {
    const fx = new BusFixture(open);
    try {
      const bus = await fx.open();
      const topic = uniqueName('contract.admin');
      assert.equal(await bus.admin.partitionCount(topic), undefined);
      await bus.admin.createTopics([{ name: topic, partitions: 2 }]);
      assert.equal(await bus.admin.partitionCount(topic), 2);
      await bus.admin.deleteTopics([topic]);
      assert.ok(!(await bus.admin.listTopics()).includes(topic));
    } finally {
      await fx.close();
    }
  });

  test('an invalid topic name is rejected with BUS.INVALID naming the topic', async () => {
    const fx = new BusFixture(open);
    try {
      const bus = await fx.open();
      await assert.rejects(bus.admin.createTopics([{ name: 'bad topic!' }]), (e: unknown) => {
        assert.ok(isBusError(e, 'BUS.INVALID'), String(e));
        assert.match((e as Error).message, /bad topic!/);
        assert.equal((e as { retryable: boolean }).retryable, false);
        return true;
      });
      await assert.rejects(bus.publish('bad topic!', { value: 'x' }), (e: unknown) => isBusError(e, 'BUS.INVALID'));
    } finally {
      await fx.close();
    }
  });

  test('a closed bus rejects further calls with BUS.CLOSED', async () => {
    const fx = new BusFixture(open);
    try {
      const bus = await fx.open();
      await bus.close();
      await assert.rejects(bus.publish(uniqueName('contract.closed'), { value: 'x' }), (e: unknown) => isBusError(e, 'BUS.CLOSED'));
    } finally {
      await fx.close();
    }
  });
}
