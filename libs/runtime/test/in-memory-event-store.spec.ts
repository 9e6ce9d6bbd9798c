import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventStoreContract } from '@ordo/testing';
import { InMemoryEventStore, isStoreError } from '@ordo/runtime';

eventStoreContract('InMemoryEventStore', async () => {
  const store = new InMemoryEventStore();
  return { store, cleanup: () => store.close() };
});

describe('InMemoryEventStore specifics', () => {
  test('recordedAt comes from the injected clock', async () => {
    const store = new InMemoryEventStore(() => new Date('2030-01-02T03:04:05.000Z'));
    await store.append('s-1', [{ type: 'T', data: 1 }], 'no_stream');
    assert.equal((await store.readStream('s-1'))[0].recordedAt, '2030-01-02T03:04:05.000Z');
  });

  test('positions start at 1 and are dense', async () => {
    const store = new InMemoryEventStore();
    assert.equal(await store.headPosition(), 0);
    await store.append('a-1', [{ type: 'T', data: 1 }, { type: 'T', data: 2 }], 'no_stream');
    await store.append('b-1', [{ type: 'T', data: 3 }], 'no_stream');
    assert.deepEqual((await store.readAll('start')).map((e) => e.position), [1, 2, 3]);
  });

  test('invalid appends reject with STORE.INVALID and write nothing', async () => {
    const store = new InMemoryEventStore();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await assert.rejects(store.append('s-1', [], 'any'), (e: unknown) => isStoreError(e, 'STORE.INVALID'));
    await assert.rejects(store.append('s-1', [{ type: 'T', data: 1 }], -1), (e: unknown) => isStoreError(e, 'STORE.INVALID'));
    await assert.rejects(store.append('s-1', [{ type: 'T', data: 1 }, { type: 'T', data: circular }], 'any'),
      (e: unknown) => isStoreError(e, 'STORE.INVALID') && e.message.includes('Event 1') && e.message.includes('s-1'));
    assert.equal(await store.headPosition(), 0);
  });
});
