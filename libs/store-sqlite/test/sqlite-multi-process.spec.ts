import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isStoreError } from '@ordo/runtime';
import { Collector, waitFor } from '@ordo/testing';
import { openSqliteEventStore } from '@ordo/store-sqlite';
import { spawnFixture } from './child-process';
import { contendedAppends } from './contend-on-streams';
import { tempDatabase } from './temp-store';

const acks = (lines: readonly string[]) => lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' '));

describe('SqliteEventStore across processes', () => {
  test('two processes appending to the same streams never duplicate a revision; each sees the other', async () => {
    const temp = tempDatabase();
    const store = openSqliteEventStore({ path: temp.path, pollIntervalMs: 10 });
    const streams = ['shared-0', 'shared-1', 'shared-2'];
    const perProcess = 40;
    const collector = new Collector();
    const subscription = store.subscribeToAll('start', collector.handler, { streamPrefix: 'shared-' });
    const child = spawnFixture('contend', [temp.path, 'child', String(perProcess), ...streams]);
    try {
      const mine: string[] = [];
      await contendedAppends(store, 'parent', streams, perProcess, (line) => mine.push(line), isStoreError);
      assert.equal(await child.exited, 0);
      assert.ok(child.lines.includes('done'), 'the child finished its appends');
      const total = 2 * perProcess * streams.length;
      await waitFor(() => collector.events.length === total, `${total} events through the subscription`);
      for (const streamId of streams) {
        const read = await store.readStream(streamId);
        assert.deepEqual(read.map((e) => e.revision), Array.from({ length: 2 * perProcess }, (_, i) => i));
        const writers = read.map((e) => (e.data as { by: string }).by);
        assert.equal(new Set(writers).size, writers.length, `no write appears twice in ${streamId}`);
      }
      for (const [, streamId, revision, by] of [...acks(child.lines), ...acks(mine)]) {
        const [event] = await store.readStream(streamId, Number(revision), 1);
        assert.deepEqual(event.data, { by }, `acknowledged ${by} is at ${streamId}@${revision}`);
      }
      assert.ok(collector.events.some((e) => (e.data as { by: string }).by.startsWith('child:')), 'the subscription saw the child\'s appends');
    } finally {
      child.process.kill('SIGKILL');
      await child.exited;
      await subscription.stop();
      await store.close();
      temp.remove();
    }
  });

  test('after kill -9 every acknowledged append is present and no stream has a hole', async () => {
    const temp = tempDatabase();
    const child = spawnFixture('append-loop', [temp.path, 'killed-', '8']);
    try {
      await waitFor(() => acks(child.lines).length >= 400, '400 acknowledged appends from the child', 60_000);
      child.process.kill('SIGKILL');
      await child.exited;
      const acknowledged = acks(child.lines);
      const store = openSqliteEventStore({ path: temp.path });
      try {
        for (const [, streamId, revision] of acknowledged) {
          const [event] = await store.readStream(streamId, Number(revision), 1);
          assert.deepEqual(event?.data, { streamId, revision: Number(revision) }, `acknowledged ${streamId}@${revision} survived`);
        }
        for (let w = 0; w < 8; w++) {
          const read = await store.readStream(`killed-${w}`);
          assert.deepEqual(read.map((e) => e.revision), read.map((_, i) => i), `killed-${w} has no hole`);
          assert.equal(read.length % 2, 0, `killed-${w} holds whole two-event appends only`);
        }
      } finally {
        await store.close();
      }
    } finally {
      child.process.kill('SIGKILL');
      await child.exited;
      temp.remove();
    }
  });
});
