import assert from 'node:assert/strict';
import type { BusMessage, EventStore, MessageBus, NewEvent, RecordedEvent } from '@ordo/runtime';
import { EVENTS_TOPIC, EVENT_HEADERS, executionStream, fromEventMessage } from '@ordo/runtime';

/** Appends `count` events to each of `executions` streams of flow `flow`, interleaved, one append each. */
export async function appendInterleaved(store: EventStore, flow: string, executions: number, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    for (let e = 0; e < executions; e++) {
      const event: NewEvent = { type: i === 0 ? 'ExecutionStarted' : 'StepEntered', data: { i, e }, metadata: { eventId: `${flow}.x${e}:${i}` } };
      await store.append(executionStream(`${flow}.x${e}`), [event], i === 0 ? 'no_stream' : i - 1);
    }
  }
}

/** Every execution event in the store, in feed order. */
export async function executionEvents(store: EventStore): Promise<RecordedEvent[]> {
  return store.readAll('start', { streamPrefix: 'ordoExecution-' });
}

/** Collects everything on the events topic through a consumer group of its own. */
export async function collectEvents(bus: MessageBus, groupId: string): Promise<BusMessage[]> {
  const got: BusMessage[] = [];
  await bus.consume({ groupId, topics: [EVENTS_TOPIC] }, async (batch, consumer) => {
    got.push(...batch.messages);
    await consumer.commit([{ topic: batch.topic, partition: batch.partition, offset: batch.messages[batch.messages.length - 1].offset }]);
  });
  return got;
}

/** Distinct event ids among `messages`. */
export function distinctIds(messages: readonly BusMessage[]): Set<string> {
  return new Set(messages.map((m) => m.headers[EVENT_HEADERS.eventId]));
}

/**
 * No gap and per-execution order: for every execution, the revisions seen (dropping re-deliveries of
 * revisions already seen) are exactly 0..n-1 in order, all in one partition, and match the store.
 */
export function assertCompleteAndOrdered(messages: readonly BusMessage[], stored: readonly RecordedEvent[]): void {
  const byExecution = new Map<string, BusMessage[]>();
  for (const m of messages) {
    assert.equal(m.key, m.headers[EVENT_HEADERS.executionId]);
    byExecution.set(m.key as string, [...(byExecution.get(m.key as string) ?? []), m]);
  }
  const storedBy = new Map<string, RecordedEvent[]>();
  for (const e of stored) storedBy.set(e.streamId, [...(storedBy.get(e.streamId) ?? []), e]);
  assert.equal(byExecution.size, storedBy.size, 'every execution reached the topic');
  for (const [executionId, mine] of byExecution) {
    assert.equal(new Set(mine.map((m) => m.partition)).size, 1, `${executionId} stays in one partition`);
    let max = -1;
    const firsts: RecordedEvent[] = [];
    for (const m of mine) {
      const event = fromEventMessage(m);
      assert.ok(event.revision <= max + 1, `${executionId}: revision ${event.revision} arrived after ${max} (gap or reorder)`);
      if (event.revision === max + 1) { firsts.push(event); max += 1; }
    }
    const expected = storedBy.get(`ordoExecution-${executionId}`) ?? [];
    assert.deepEqual(firsts.map((e) => [e.revision, e.position, e.type, e.data]), expected.map((e) => [e.revision, e.position, e.type, e.data]), executionId);
  }
}
