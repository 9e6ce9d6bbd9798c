import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordedEvent } from '@ordo/runtime';
import type { ReadModelStore } from '@ordo/read-models';
import { batchesOf, recordFeed } from './histories';
import { sampleHistories, snapshotViews, type OpenReadModelHarness } from './fixture';

const histories = sampleHistories();
const feed = recordFeed(histories);
const ids = histories.map((h) => h.executionId);
const flows = ['orders', 'reports'];

async function withStores(
  open: OpenReadModelHarness, count: number, body: (stores: ReadModelStore[], reopen: (i: number) => Promise<ReadModelStore>) => Promise<void>,
): Promise<void> {
  const harnesses = await Promise.all(Array.from({ length: count }, () => open()));
  const opened: ReadModelStore[] = [];
  const reopen = async (i: number): Promise<ReadModelStore> => { const s = await harnesses[i].open(); opened.push(s); return s; };
  try {
    const stores = await Promise.all(harnesses.map((_, i) => reopen(i)));
    await body(stores, reopen);
  } finally {
    for (const s of opened) await s.close().catch(() => undefined);
    for (const h of harnesses) await h.destroy();
  }
}

/** The snapshot of a store that applied the sample feed once, in one batch. */
async function applyOnce(store: ReadModelStore, events: readonly RecordedEvent[] = feed): Promise<unknown> {
  await store.apply(events);
  return snapshotViews(store, ids, flows);
}

/** Idempotence, atomicity and crash recovery of `apply`. */
export function durabilityContract(open: OpenReadModelHarness): void {
  test('duplicates and overlapping replays are absorbed', () => withStores(open, 2, async ([a, b]) => {
    for (const batch of batchesOf(feed, 5)) await a.apply(batch);
    const again = await a.apply(feed);
    assert.deepEqual([again.applied, again.skipped, again.checkpoint], [0, feed.length, feed.length]);
    const overlap = await a.apply([...feed.slice(10, 40), ...feed.slice(20, 30)]);
    assert.deepEqual([overlap.applied, overlap.skipped], [0, 40]);
    assert.deepEqual(await snapshotViews(a, ids, flows), await applyOnce(b));
  }));

  test('duplicates inside one batch are applied once', () => withStores(open, 2, async ([a, b]) => {
    const doubled = feed.flatMap((e) => [e, e]);
    const result = await a.apply(doubled);
    assert.deepEqual([result.applied, result.skipped], [feed.length, feed.length]);
    assert.deepEqual(await snapshotViews(a, ids, flows), await applyOnce(b));
  }));

  test('a revision gap rejects the whole batch and changes nothing', () => withStores(open, 1, async ([store]) => {
    const o1 = feed.filter((e) => e.streamId === 'ordoExecution-orders.o1');
    await store.apply(o1.slice(0, 4));
    const before = await snapshotViews(store, ids, flows);
    await assert.rejects(store.apply([feed.find((e) => e.streamId.endsWith('orders.o2'))!, o1[5]]), { code: 'READ.REVISION_GAP' });
    assert.deepEqual(await snapshotViews(store, ids, flows), before);
    assert.equal(await store.checkpoint(), o1[3].position);
  }));

  test('a batch that fails half-way leaves no trace', () => withStores(open, 2, async ([a, b]) => {
    const half = Math.floor(feed.length / 2);
    await a.apply(feed.slice(0, half));
    const before = await snapshotViews(a, ids, flows);
    const poisoned = feed.slice(half).map((e, i) => (i === 20 ? { ...e, data: { ...(e.data as object), bad: 10n } } : e));
    await assert.rejects(a.apply(poisoned));
    assert.deepEqual(await snapshotViews(a, ids, flows), before);
    assert.equal(await a.checkpoint(), feed[half - 1].position);
    await a.apply(feed.slice(half));
    assert.deepEqual(await snapshotViews(a, ids, flows), await applyOnce(b));
  }));

  test('a crash between batches: reopen, resume from the checkpoint with redeliveries, end identical', () =>
    withStores(open, 2, async ([a, b], reopen) => {
      const batches = batchesOf(feed, 6);
      const crashAt = Math.floor(batches.length / 2);
      for (const batch of batches.slice(0, crashAt)) await a.apply(batch);
      await assert.rejects(a.apply(batches[crashAt].map((e, i) => (i === 3 ? { ...e, data: { bad: 1n } } : e))));
      await a.close();
      const resumed = await reopen(0);
      const checkpoint = await resumed.checkpoint();
      assert.equal(checkpoint, batches[crashAt - 1].at(-1)!.position);
      const redelivered = feed.filter((e) => e.position > checkpoint - 8);
      for (const batch of batchesOf(redelivered, 4)) await resumed.apply(batch);
      assert.deepEqual(await snapshotViews(resumed, ids, flows), await applyOnce(b));
    }));

  test('reset empties every view and the checkpoint; reapplying rebuilds the same views', () => withStores(open, 1, async ([store]) => {
    const built = await applyOnce(store);
    await store.reset();
    assert.equal(await store.checkpoint(), 0);
    assert.equal((await store.listExecutions({})).totalCount, 0);
    assert.deepEqual(await store.listStepRuns('orders.o1'), []);
    assert.equal((await store.flowMetrics('orders')).started, 0);
    assert.deepEqual(await applyOnce(store), built);
  }));

  test('events of other streams only move the checkpoint', () => withStores(open, 1, async ([store]) => {
    const flowEvent: RecordedEvent = {
      streamId: 'ordoFlow-orders', revision: 0, position: 7, type: 'FlowDeployed', data: { version: 1 }, metadata: {}, recordedAt: '2030-01-01T00:00:00.000Z',
    };
    assert.deepEqual(await store.apply([flowEvent]), { applied: 0, skipped: 1, checkpoint: 7 });
    assert.equal((await store.listExecutions({})).totalCount, 0);
  }));
}
