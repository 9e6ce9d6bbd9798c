// ProjectorConsumer on the in-process bus: events reach the views, offsets are committed only after
// the views' transaction, a failed apply is redelivered, and non-event messages go to the DLQ.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalMessageBus } from '@ordo/bus-local';
import { NOT_AN_EVENT, Projector, ProjectorConsumer, SqliteReadModelStore } from '@ordo/read-models';
import { DLQ_TOPIC, EVENTS_TOPIC, toEventMessage, type RecordedEvent } from '@ordo/runtime';
import { waitUntil } from '@ordo/testing';

const AT = '2030-01-01T00:00:00.000Z';

function history(executionId: string, firstPosition: number): RecordedEvent[] {
  const [flowName, executionName] = executionId.split('.');
  const event = (revision: number, type: string, data: object): RecordedEvent => ({
    streamId: `ordoExecution-${executionId}`, revision, position: firstPosition + revision, type, data, metadata: { at: AT }, recordedAt: AT,
  });
  return [
    event(0, 'ExecutionStarted', { executionId, executionName, flowName, flowVersion: 1, input: {}, trigger: { kind: 'api' }, decisionVersion: 1 }),
    event(1, 'StepEntered', { path: 'a', name: 'a', stepType: 'pass', input: {}, local: {} }),
    event(2, 'StepSucceeded', { path: 'a', output: { ok: true } }),
    event(3, 'ExecutionSucceeded', { output: { ok: true } }),
  ];
}

describe('ProjectorConsumer', () => {
  test('applies events, redelivers a failed batch without committing it, and dead-letters non-events', async () => {
    const bus = new LocalMessageBus();
    const views = new SqliteReadModelStore({ filename: ':memory:' });
    const projector = new Projector(views);
    let failNext = true;
    const applied: number[] = [];
    const consumer = new ProjectorConsumer({
      bus, apply: async (events) => {
        if (failNext) { failNext = false; throw new Error('database unavailable'); }
        await projector.handle(events);
        applied.push(events.length);
      },
    });
    const deadLetters: string[] = [];
    const dlq = await bus.consume({ groupId: 'dlq-reader', topics: [DLQ_TOPIC] }, async (batch) => {
      deadLetters.push(...batch.messages.map((m) => m.headers['ordo-dlq-code']));
    });
    try {
      await bus.admin.createTopics([{ name: EVENTS_TOPIC, partitions: 1 }]);
      await bus.publishBatch(EVENTS_TOPIC, [
        ...history('orders.a', 1).map(toEventMessage),
        { key: 'junk', value: 'not json' },
        ...history('orders.b', 5).map(toEventMessage),
      ]);
      await consumer.start();
      await waitUntil(async () => (await views.getExecution('orders', 'b'))?.status === 'Succeeded', 'orders.b in the views');
      assert.equal((await views.getExecution('orders', 'a'))?.status, 'Succeeded');
      assert.equal((await views.listEvents('orders.a')).totalCount, 4);
      await waitUntil(() => deadLetters.length >= 1, 'a dead letter');
      assert.equal(deadLetters[0], NOT_AN_EVENT);
      assert.equal(applied.reduce((a, b) => a + b, 0), 8, 'the failed delivery was applied once, on redelivery');
      await consumer.close();

      const again = new ProjectorConsumer({ bus, apply: async (events) => { applied.push(events.length); } });
      await bus.publish(EVENTS_TOPIC, toEventMessage(history('orders.c', 9)[0]));
      await again.start();
      await waitUntil(() => applied.length > 0 && applied.reduce((a, b) => a + b, 0) === 9, 'the new event only');
      await again.close();
      assert.equal(again.status().messages, 1, 'the group resumed after the committed offset');
    } finally {
      await dlq.close();
      await projector.stop();
      await bus.close();
      await views.close();
    }
  });
});
