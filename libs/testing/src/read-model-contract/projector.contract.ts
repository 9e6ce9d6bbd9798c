import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InMemoryEventStore, type RecordedEvent } from '@ordo/runtime';
import { Projector, eventStoreSource, projectorLag, reproject, type ReadModelStore } from '@ordo/read-models';
import { recordFeed } from './histories';
import { sampleHistories, snapshotViews, type OpenReadModelHarness } from './fixture';

const histories = sampleHistories();
const feed = recordFeed(histories);
const ids = histories.map((h) => h.executionId);
const flows = ['orders', 'reports'];

async function appendAll(log: InMemoryEventStore, events: readonly RecordedEvent[]): Promise<void> {
  for (const e of events) {
    await log.append(e.streamId, [{ type: e.type, data: e.data, metadata: e.metadata }], e.revision === 0 ? 'no_stream' : e.revision - 1);
  }
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The Projector over an EventStore subscription, its lag, restarts and `reproject`. */
export function projectorContract(open: OpenReadModelHarness): void {
  test('a live projector and a reprojection build the same views; lag drops to 0', async () => {
    const [ha, hb] = [await open(), await open()];
    const [a, b] = [await ha.open(), await hb.open()];
    const log = new InMemoryEventStore();
    const projector = new Projector(a);
    try {
      await appendAll(log, feed.slice(0, 10));
      assert.equal(await projectorLag(a, log), 10);
      await projector.start(eventStoreSource(log, 4));
      await appendAll(log, feed.slice(10));
      await until('the projector to catch up', async () => (await projectorLag(a, log)) === 0);
      assert.equal(await projector.lag(await log.headPosition()), 0);
      assert.equal(projector.status().applied, feed.length);
      const rebuilt = await reproject(b, log, { batchSize: 7 });
      assert.deepEqual([rebuilt.events, rebuilt.checkpoint], [feed.length, feed.length]);
      assert.deepEqual(await snapshotViews(a, ids, flows), await snapshotViews(b, ids, flows));
    } finally {
      await projector.stop();
      await Promise.all([a.close(), b.close(), log.close()]);
      await Promise.all([ha.destroy(), hb.destroy()]);
    }
  });

  test('a projector killed mid-stream resumes from its checkpoint and matches a reprojection', async () => {
    const [ha, hb] = [await open(), await open()];
    const stores: ReadModelStore[] = [await ha.open(), await hb.open()];
    const log = new InMemoryEventStore();
    try {
      await appendAll(log, feed.slice(0, 30));
      const first = new Projector(stores[0]);
      await first.start(eventStoreSource(log, 5));
      await until('the first half', async () => (await stores[0].checkpoint()) === 30);
      await stores[0].close(); // the crash: the projector's next batch can no longer commit
      await appendAll(log, feed.slice(30));
      await first.stop().catch(() => undefined);
      const reopened = await ha.open();
      stores.push(reopened);
      const second = new Projector(reopened);
      await second.start(eventStoreSource(log, 5));
      await until('the rest', async () => (await reopened.checkpoint()) === feed.length);
      await second.stop();
      await reproject(stores[1], log);
      assert.deepEqual(await snapshotViews(reopened, ids, flows), await snapshotViews(stores[1], ids, flows));
    } finally {
      for (const s of stores) await s.close().catch(() => undefined);
      await log.close();
      await Promise.all([ha.destroy(), hb.destroy()]);
    }
  });

  test('handle() absorbs at-least-once redelivery from a bus consumer', async () => {
    const [ha, hb] = [await open(), await open()];
    const [a, b] = [await ha.open(), await hb.open()];
    try {
      const projector = new Projector(a);
      await Promise.all([projector.handle(feed.slice(0, 20)), projector.handle(feed.slice(15, 50)), projector.handle(feed.slice(0, 60))]);
      await projector.handle(feed.slice(40));
      await b.apply(feed);
      assert.deepEqual(await snapshotViews(a, ids, flows), await snapshotViews(b, ids, flows));
      assert.equal(projector.status().applied, feed.length);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await Promise.all([ha.destroy(), hb.destroy()]);
    }
  });
}
