import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { eventStoreContract } from '@ordo/testing';
import type { EventStore } from '@ordo/runtime';
import { openSqliteEventStore } from '@ordo/store-sqlite';
import { tempDatabase } from './temp-store';

eventStoreContract('SqliteEventStore', async () => {
  const temp = tempDatabase();
  const opened: EventStore[] = [openSqliteEventStore({ path: temp.path, pollIntervalMs: 10 })];
  return {
    store: opened[0],
    reopen: async () => {
      const store = openSqliteEventStore({ path: temp.path, pollIntervalMs: 10 });
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      temp.remove();
    },
  };
});

describe('SqliteEventStore specifics', () => {
  test('the database runs in WAL mode with synchronous=FULL unless told otherwise', async () => {
    const temp = tempDatabase();
    const store = openSqliteEventStore({ path: temp.path });
    await store.append('s-1', [{ type: 'T', data: 1 }], 'no_stream');
    const probe = new Database(temp.path, { readonly: true });
    assert.equal(probe.pragma('journal_mode', { simple: true }), 'wal');
    probe.close();
    const normal = openSqliteEventStore({ path: temp.path, durability: 'normal' });
    assert.equal((normal as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true }), 1);
    assert.equal((store as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true }), 2);
    await normal.close();
    await store.close();
    temp.remove();
  });

  test('appends of one event-loop turn share one commit, each checked on its own', async () => {
    const temp = tempDatabase();
    const store = openSqliteEventStore({ path: temp.path });
    const db = (store as unknown as { db: Database.Database }).db;
    const total = db.prepare("SELECT COUNT(*) FROM events").pluck();
    let commits = 0;
    const commitStatement = (store as unknown as { statements: { commit: { run: () => unknown } } }).statements.commit;
    const run = commitStatement.run.bind(commitStatement);
    commitStatement.run = () => { commits++; return run(); };
    const appends = Array.from({ length: 50 }, (_, i) => store.append(`g-${i}`, [{ type: 'T', data: i }], 'no_stream'));
    const conflict = store.append('g-0', [{ type: 'T', data: 'second' }], 'no_stream');
    await Promise.all(appends);
    await assert.rejects(conflict);
    assert.equal(commits, 1);
    assert.equal(total.get(), 50);
    await store.close();
    temp.remove();
  });

  test('a stale revision cache is caught by the UNIQUE constraint and the batch is redone', async () => {
    const temp = tempDatabase();
    const store = openSqliteEventStore({ path: temp.path });
    await store.append('c-1', [{ type: 'T', data: 0 }, { type: 'T', data: 1 }], 'no_stream');
    const writer = (store as unknown as { writer: { cache: { set: (s: string, r: number) => void } } }).writer;
    writer.cache.set('c-1', 0);
    await assert.rejects(store.append('c-1', [{ type: 'T', data: 'dup' }], 0), /expected revision 0 but the stream is at revision 1/);
    writer.cache.set('c-1', 0);
    const result = await store.append('c-1', [{ type: 'T', data: 2 }], 'any');
    assert.equal(result.nextRevision, 2);
    assert.deepEqual((await store.readStream('c-1')).map((e) => e.data), [0, 1, 2]);
    await store.close();
    temp.remove();
  });
});
