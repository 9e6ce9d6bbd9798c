import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventStore, RecordedEvent } from '@ordo/runtime';
import { assertStrictlyIncreasing, Collector, feedKeys, someEvents, waitFor, withFixture, type OpenEventStore, type StreamNames } from './fixture';

/** Appends a sentinel and waits until `collector` has it, so everything before it was delivered. */
async function drainThroughSentinel(store: EventStore, names: StreamNames, collector: Collector): Promise<void> {
  const sentinel = await store.append(names.stream('sentinel'), [{ type: 'Sentinel', data: {} }], 'any');
  await waitFor(() => collector.events.some((e) => e.position === sentinel.position), 'the sentinel event');
}

/** Lets a few turns of the event loop pass, for checks that something did NOT happen. */
const someTurns = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30));

/** A handler that records batches, never overlaps itself, and yields inside each call. */
function serialisedCollector(): { collector: Collector; handler: (events: readonly RecordedEvent[]) => Promise<void>; overlaps: () => number } {
  const collector = new Collector();
  let inFlight = 0;
  let overlaps = 0;
  const handler = async (events: readonly RecordedEvent[]): Promise<void> => {
    inFlight++;
    if (inFlight > 1) overlaps++;
    await new Promise((resolve) => setImmediate(resolve));
    await collector.handler(events);
    inFlight--;
  };
  return { collector, handler, overlaps: () => overlaps };
}

/** subscribeToAll: catch-up, live hand-off, 'end', stop and handler failure. */
export function subscriptionsContract(open: OpenEventStore): void {
  test('catch-up hands off to live with no gap and no duplicate while appends continue', () =>
    withFixture(open, async ({ store }, names) => {
      const headBefore = await store.headPosition();
      for (let i = 0; i < 30; i++) await store.append(names.stream(i % 3), someEvents(2, `pre${i}`), 'any');
      const { collector, handler, overlaps } = serialisedCollector();
      const subscription = store.subscribeToAll({ after: headBefore }, handler, { streamPrefix: names.prefix, batchSize: 7 });
      const writers = [0, 1, 2].map(async (w) => {
        for (let i = 0; i < 20; i++) await store.append(names.stream(`live${w}`), someEvents(1 + (i % 3), `live${w}.${i}`), 'any');
      });
      await Promise.all(writers);
      await drainThroughSentinel(store, names, collector);
      await subscription.stop();
      const feed = await store.readAll({ after: headBefore }, { streamPrefix: names.prefix });
      assert.deepEqual(feedKeys(collector.events), feedKeys(feed));
      assertStrictlyIncreasing(collector.positions(), 'delivered positions');
      assert.ok(collector.batchSizes.every((n) => n >= 1 && n <= 7), `batch sizes within 1..7: ${collector.batchSizes.join(',')}`);
      assert.equal(overlaps(), 0, 'handler calls never overlap');
    }));

  test("subscribing from 'start' with a prefix delivers exactly that prefix's events", () =>
    withFixture(open, async ({ store }, names) => {
      await store.append(names.stream('one'), someEvents(3), 'no_stream');
      await store.append(`x${names.prefix}`, someEvents(1), 'no_stream');
      const collector = new Collector();
      const subscription = store.subscribeToAll('start', collector.handler, { streamPrefix: names.prefix });
      await drainThroughSentinel(store, names, collector);
      await subscription.stop();
      assert.deepEqual(feedKeys(collector.events), feedKeys(await store.readAll('start', { streamPrefix: names.prefix })));
      assert.ok(collector.events.every((e) => e.streamId.startsWith(names.prefix)));
    }));

  test("subscribing from 'end' delivers only events appended later, contiguously", () =>
    withFixture(open, async ({ store }, names) => {
      const old = await store.append(names.stream('old'), someEvents(3), 'no_stream');
      const collector = new Collector();
      const subscription = store.subscribeToAll('end', collector.handler, { streamPrefix: names.prefix });
      for (let i = 0; collector.events.length === 0; i++) {
        assert.ok(i < 300, 'a subscription from the end receives later events');
        await store.append(names.stream('new'), someEvents(1, `new${i}`), 'any');
        await waitFor(() => collector.events.length > 0, 'an event after subscribing from the end', 50).catch(() => undefined);
      }
      await drainThroughSentinel(store, names, collector);
      await subscription.stop();
      assert.ok(collector.events.every((e) => e.position > old.position), 'no event from before the subscription');
      const first = collector.events[0].position;
      const feed = (await store.readAll({ after: first - 1 }, { streamPrefix: names.prefix })).filter((e) => e.position >= first);
      assert.deepEqual(feedKeys(collector.events), feedKeys(feed));
    }));

  test('after stop() resolves no handler call is in flight and none follows', () =>
    withFixture(open, async ({ store }, names) => {
      const headBefore = await store.headPosition();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => { release = resolve; });
      let calls = 0;
      let active = false;
      const subscription = store.subscribeToAll({ after: headBefore }, async () => {
        calls++;
        active = true;
        await gate;
        active = false;
      }, { streamPrefix: names.prefix });
      await store.append(names.stream('s'), someEvents(2), 'no_stream');
      await waitFor(() => calls === 1, 'the first handler call');
      let stopped = false;
      const stopping = subscription.stop().then(() => { stopped = true; });
      await someTurns();
      assert.equal(stopped, false, 'stop() waits for the handler call in flight');
      release();
      await stopping;
      assert.equal(active, false);
      const observer = new Collector();
      const watcher = store.subscribeToAll({ after: headBefore }, observer.handler, { streamPrefix: names.prefix });
      await store.append(names.stream('s'), someEvents(2), 1);
      await drainThroughSentinel(store, names, observer);
      await watcher.stop();
      await someTurns();
      assert.equal(calls, 1, 'no handler call after stop()');
      await subscription.stop();
    }));

  test('a rejected handler stops its subscription', () =>
    withFixture(open, async ({ store }, names) => {
      const headBefore = await store.headPosition();
      let calls = 0;
      const failing = store.subscribeToAll({ after: headBefore }, async () => {
        calls++;
        throw new Error('handler failed on purpose');
      }, { streamPrefix: names.prefix, batchSize: 1 });
      await store.append(names.stream('f'), someEvents(3), 'no_stream');
      await waitFor(() => calls >= 1, 'the failing handler call');
      const observer = new Collector();
      const watcher = store.subscribeToAll({ after: headBefore }, observer.handler, { streamPrefix: names.prefix });
      await store.append(names.stream('f'), someEvents(2), 2);
      await drainThroughSentinel(store, names, observer);
      await watcher.stop();
      assert.equal(calls, 1, 'the failing handler was called once');
      await failing.stop();
    }));
}
