import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalMessageBus } from '@ordo/bus-local';
import {
  BusError, EVENTS_TOPIC, EVENT_HEADERS, EventRelay, EventStoreCheckpointStore, InMemoryEventStore, executionStream,
  fromEventMessage, toEventMessage, type MessageBus, type OutgoingMessage, type PublishReceipt,
} from '@ordo/runtime';
import { waitUntil } from '@ordo/testing';
import { appendInterleaved, assertCompleteAndOrdered, collectEvents, distinctIds, executionEvents } from './relay-support/relay-checks';

/** A bus whose publishes can be held back or made to fail. */
function controllableBus(inner: MessageBus) {
  const control = { failNext: 0, gate: undefined as Promise<void> | undefined, acked: 0, attempts: 0 };
  const bus: MessageBus = Object.create(inner);
  bus.publishBatch = async (topic: string, messages: readonly OutgoingMessage[]): Promise<PublishReceipt[]> => {
    control.attempts += 1;
    await control.gate;
    if (control.failNext > 0) {
      control.failNext -= 1;
      throw new BusError('BUS.UNAVAILABLE', 'Kafka failed to publish: broker down on purpose.', true);
    }
    const receipts = await inner.publishBatch(topic, messages);
    control.acked = Math.max(control.acked, ...messages.map((m) => Number(m.headers?.[EVENT_HEADERS.position])));
    return receipts;
  };
  return { bus, control };
}

describe('EventRelay (in-memory store, local bus)', () => {
  test('publishes execution events keyed by execution id with type, flow, revision headers; other streams stay out', async () => {
    const store = new InMemoryEventStore();
    const bus = new LocalMessageBus({ defaultPartitions: 4 });
    await store.append('ordoFlow-orders', [{ type: 'FlowDeployed', data: { version: 1 } }], 'no_stream');
    await appendInterleaved(store, 'orders', 3, 4);
    const relay = new EventRelay({ store, bus, checkpoints: new EventStoreCheckpointStore(store) });
    await relay.start();
    const got = await collectEvents(bus, 'check');
    await waitUntil(() => got.length >= 12, '12 events on the topic');
    const first = got.find((m) => m.headers[EVENT_HEADERS.revision] === '0' && m.key === 'orders.x1');
    assert.deepEqual(first?.headers, {
      [EVENT_HEADERS.type]: 'ExecutionStarted', [EVENT_HEADERS.eventId]: 'orders.x1:0', [EVENT_HEADERS.executionId]: 'orders.x1',
      [EVENT_HEADERS.flow]: 'orders', [EVENT_HEADERS.revision]: '0', [EVENT_HEADERS.position]: first?.headers[EVENT_HEADERS.position],
      'content-type': 'application/json',
    });
    assert.ok(got.every((m) => m.topic === EVENTS_TOPIC && m.headers[EVENT_HEADERS.type] !== 'FlowDeployed'));
    assertCompleteAndOrdered(got, await executionEvents(store));
    await relay.stop();
    const stored = await executionEvents(store);
    assert.equal(relay.checkpointed, stored[stored.length - 1].position);
    await bus.close();
  });

  test('the checkpoint moves only after the broker acknowledged, and failed publishes are retried', async () => {
    const store = new InMemoryEventStore();
    const { bus, control } = controllableBus(new LocalMessageBus());
    const saves: { position: number; ackedThen: number }[] = [];
    const inner = new EventStoreCheckpointStore(store);
    const checkpoints = { load: (n: string) => inner.load(n), save: async (n: string, p: number) => { saves.push({ position: p, ackedThen: control.acked }); await inner.save(n, p); } };
    const errors: unknown[] = [];
    let open!: () => void;
    control.gate = new Promise((r) => { open = r; });
    control.failNext = 2;
    const relay = new EventRelay({ store, bus, checkpoints, checkpointIntervalMs: 0, retryBackoffMs: { min: 1, max: 5 }, onError: (e) => errors.push(e) });
    await appendInterleaved(store, 'pay', 2, 3);
    await relay.start();
    await waitUntil(() => control.attempts >= 1, 'a publish attempt');
    assert.equal(saves.length, 0, 'nothing may be checkpointed while the broker has not acknowledged');
    assert.equal(await checkpoints.load('events-relay'), undefined);
    open();
    await waitUntil(() => relay.position === 6, 'the relay to reach position 6');
    await appendInterleaved(store, 'more', 1, 2);
    const stored = await executionEvents(store);
    const head = stored[stored.length - 1].position;
    await waitUntil(() => relay.checkpointed === head, `the checkpoint to reach ${head}`);
    assert.equal(errors.length, 2);
    assert.ok(saves.every((s) => s.position <= s.ackedThen), `a checkpoint ran ahead of the broker: ${JSON.stringify(saves)}`);
    await relay.stop();
    await bus.close();
  });

  test('restarts after crashes at random points leave no gap and keep per-execution order', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const store = new InMemoryEventStore();
      const bus = new LocalMessageBus({ defaultPartitions: 3 });
      const checkpoints = new EventStoreCheckpointStore(store);
      const got = await collectEvents(bus, `check-${seed}`);
      const writing = appendInterleaved(store, `f${seed}`, 5, 30);
      for (let round = 0; round < 4; round++) {
        const relay = new EventRelay({ store, bus, checkpoints, batchSize: 1 + ((seed * 7 + round) % 9), checkpointIntervalMs: (seed + round) % 3 === 0 ? 0 : 5 });
        await relay.start();
        const target = Math.min(150, distinctIds(got).size + 5 + ((seed * 13 + round * 5) % 20));
        await waitUntil(() => distinctIds(got).size >= target, `round ${round} to publish ${target} distinct events`);
        await relay.abort();
      }
      await writing;
      const last = new EventRelay({ store, bus, checkpoints });
      await last.start();
      const stored = await executionEvents(store);
      await waitUntil(() => distinctIds(got).size === stored.length, `all ${stored.length} events on the topic (seed ${seed})`);
      await last.stop();
      assertCompleteAndOrdered(got, stored);
      await bus.close();
    }
  });

  test('a clean stop saves the checkpoint, so the next relay publishes nothing twice', async () => {
    const store = new InMemoryEventStore();
    const bus = new LocalMessageBus();
    const checkpoints = new EventStoreCheckpointStore(store);
    await appendInterleaved(store, 'clean', 2, 5);
    const got = await collectEvents(bus, 'check');
    const first = new EventRelay({ store, bus, checkpoints, checkpointIntervalMs: 60_000 });
    await first.start();
    await waitUntil(() => got.length >= 10, '10 events');
    await first.stop();
    await appendInterleaved(store, 'later', 1, 3);
    const second = new EventRelay({ store, bus, checkpoints });
    await second.start();
    await waitUntil(() => got.length >= 13, '13 events');
    await second.stop();
    assert.equal(got.length, 13, 'duplicates after a clean stop');
    await bus.close();
  });
});

describe('event messages', () => {
  test('toEventMessage and fromEventMessage round-trip a stored event', async () => {
    const store = new InMemoryEventStore();
    await store.append(executionStream('flow1.run-7'), [{ type: 'TaskFailed', data: { error: 'E', cause: 'ü 🚀' }, metadata: { eventId: 'flow1.run-7:0', at: '2024-01-01T00:00:00.000Z' } }], 'no_stream');
    const [event] = await store.readAll('start');
    const out = toEventMessage(event);
    const back = fromEventMessage({ topic: EVENTS_TOPIC, partition: 0, offset: '0', key: out.key ?? null, value: Buffer.from(out.value as string), headers: out.headers ?? {}, timestamp: 1 });
    assert.deepEqual(back, event);
    assert.equal(out.key, 'flow1.run-7');
  });

  test('non-execution streams and non-event messages are refused with a message naming them', () => {
    assert.throws(() => toEventMessage({ streamId: 'ordoFlow-x', revision: 0, position: 1, type: 'FlowDeployed', data: {}, metadata: {}, recordedAt: '' }), /ordoFlow-x/);
    assert.throws(() => fromEventMessage({ topic: 't', partition: 2, offset: '9', key: null, value: Buffer.from('nope'), headers: {}, timestamp: 1 }), /t\[2\]@9 is not JSON/);
  });
});
