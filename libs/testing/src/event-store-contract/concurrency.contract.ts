import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStoreError, type EventStore } from '@ordo/runtime';
import { assertStrictlyIncreasing, someEvents, withFixture, type OpenEventStore } from './fixture';

/** One writer: appends `count` events to `streamId`, re-reading the revision after each conflict. */
async function appendWithRetry(store: EventStore, streamId: string, writer: number, count: number): Promise<number> {
  let conflicts = 0;
  for (let i = 0; i < count; i++) {
    for (;;) {
      const [last] = await store.readStreamBackwards(streamId, undefined, 1);
      try {
        await store.append(streamId, [{ type: 'Written', data: { writer, i } }], last ? last.revision : 'no_stream');
        break;
      } catch (e) {
        if (!isStoreError(e, 'STORE.VERSION_CONFLICT')) throw e;
        conflicts++;
      }
    }
  }
  return conflicts;
}

/** Concurrent appenders: one winner per revision, no holes, many streams at once. */
export function concurrencyContract(open: OpenEventStore): void {
  test('of concurrent appends at the same expected revision exactly one wins', () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('race');
      const first = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => store.append(id, someEvents(2, `w${i}`), 'no_stream')));
      assert.equal(first.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of first) {
        if (r.status === 'rejected') assert.ok(isStoreError(r.reason, 'STORE.VERSION_CONFLICT'), String(r.reason));
      }
      const second = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => store.append(id, someEvents(1, `v${i}`), 1)));
      assert.equal(second.filter((r) => r.status === 'fulfilled').length, 1);
      const read = await store.readStream(id);
      assert.deepEqual(read.map((e) => e.revision), [0, 1, 2]);
      assert.equal((read[0].data as { label: string }).label, (read[1].data as { label: string }).label);
    }));

  test('writers that retry on conflict leave a stream with no holes and every write once', () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('contended');
      const writers = 6;
      const perWriter = 15;
      await Promise.all(Array.from({ length: writers }, (_, w) => appendWithRetry(store, id, w, perWriter)));
      const read = await store.readStream(id);
      assert.deepEqual(read.map((e) => e.revision), Array.from({ length: writers * perWriter }, (_, i) => i));
      const writes = new Set(read.map((e) => JSON.stringify(e.data)));
      assert.equal(writes.size, writers * perWriter, 'every acknowledged write appears exactly once');
      assertStrictlyIncreasing(read.map((e) => e.position), 'positions');
    }));

  test('many streams appended concurrently all commit; a conflicting one fails alone', () =>
    withFixture(open, async ({ store }, names) => {
      const streams = 200;
      await store.append(names.stream('taken'), someEvents(1), 'no_stream');
      const appends = Array.from({ length: streams }, (_, i) => store.append(names.stream(i), someEvents(3, `s${i}`), 'no_stream'));
      const conflicting = store.append(names.stream('taken'), someEvents(3), 'no_stream');
      const results = await Promise.all(appends);
      await assert.rejects(conflicting, (e: unknown) => isStoreError(e, 'STORE.VERSION_CONFLICT'));
      assert.equal(new Set(results.map((r) => r.position)).size, streams, 'each append has its own position');
      assert.ok(results.every((r) => r.nextRevision === 2));
      const feed = await store.readAll('start', { streamPrefix: names.prefix });
      assert.equal(feed.length, streams * 3 + 1);
      assertStrictlyIncreasing(feed.map((e) => e.position), 'feed positions');
      for (let i = 0; i < streams; i += 37) {
        const read = await store.readStream(names.stream(i));
        assert.deepEqual(read.map((e) => [e.revision, (e.data as { label: string }).label]), [[0, `s${i}`], [1, `s${i}`], [2, `s${i}`]]);
      }
      assert.equal((await store.readStream(names.stream('taken'))).length, 1);
    }));
}
