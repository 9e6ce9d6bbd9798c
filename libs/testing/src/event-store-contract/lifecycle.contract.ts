import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStoreError } from '@ordo/runtime';
import { feedKeys, someEvents, withFixture, type OpenEventStore } from './fixture';

/** Durability across reopen (when the adapter supports it) and behaviour after close. */
export function lifecycleContract(open: OpenEventStore): void {
  test('acknowledged appends survive close and reopen; revisions and positions continue', () =>
    withFixture(open, async ({ store, reopen }, names) => {
      if (!reopen) return;
      const id = names.stream('durable');
      const pending = Array.from({ length: 20 }, (_, i) => store.append(names.stream(`many${i}`), someEvents(2), 'no_stream'));
      await store.append(id, someEvents(4, 'before'), 'no_stream');
      await Promise.all(pending);
      const before = await store.readAll('start', { streamPrefix: names.prefix });
      await store.close();
      const reopened = await reopen();
      try {
        assert.deepEqual(feedKeys(await reopened.readAll('start', { streamPrefix: names.prefix })), feedKeys(before));
        assert.deepEqual((await reopened.readStream(id)).map((e) => e.data), before.filter((e) => e.streamId === id).map((e) => e.data));
        await assert.rejects(reopened.append(id, someEvents(1), 2), (e: unknown) => isStoreError(e, 'STORE.VERSION_CONFLICT'));
        const next = await reopened.append(id, someEvents(1, 'after'), 3);
        assert.equal(next.nextRevision, 4);
        assert.ok(next.position > before[before.length - 1].position);
      } finally {
        await reopened.close();
      }
    }));

  test('close() is idempotent and later calls reject with STORE.CLOSED', () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('closing');
      const inFlight = store.append(id, someEvents(1), 'no_stream');
      await store.close();
      await store.close();
      await inFlight.then(() => undefined, (e: unknown) => assert.ok(isStoreError(e, 'STORE.CLOSED'), String(e)));
      await assert.rejects(store.append(id, someEvents(1), 'any'), (e: unknown) => isStoreError(e, 'STORE.CLOSED'));
      await assert.rejects(store.readStream(id), (e: unknown) => isStoreError(e, 'STORE.CLOSED'));
      await assert.rejects(store.readAll('start'), (e: unknown) => isStoreError(e, 'STORE.CLOSED'));
    }));
}
