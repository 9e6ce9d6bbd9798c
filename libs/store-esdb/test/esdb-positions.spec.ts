import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isStoreError } from '@ordo/runtime';
import { feedPositionOf, logPositionOf } from '../src/esdb-positions';

describe('EventStoreDB positions as feed positions', () => {
  test('the feed position is the commit position, and maps back to commit = prepare', () => {
    assert.equal(feedPositionOf({ commit: 4_096n, prepare: 3_900n }, 'an append'), 4_096);
    assert.deepEqual(logPositionOf(4_096), { commit: 4_096n, prepare: 4_096n });
  });

  test('a missing position (u64 max, as EventStoreDB before 22.6 sends for stream reads) is refused', () => {
    assert.throws(() => feedPositionOf({ commit: 18_446_744_073_709_551_615n, prepare: 18_446_744_073_709_551_615n }, 'event 3 of stream "s"'),
      (e: unknown) => isStoreError(e, 'STORE.INVALID') && e.message.includes('event 3 of stream "s"'));
    assert.throws(() => feedPositionOf(undefined, 'an append'), (e: unknown) => isStoreError(e, 'STORE.INVALID'));
  });

  test('positions beyond 2^53 and invalid feed positions are refused', () => {
    assert.throws(() => feedPositionOf({ commit: 2n ** 53n, prepare: 2n ** 53n }, 'x'), (e: unknown) => isStoreError(e, 'STORE.INVALID'));
    assert.equal(feedPositionOf({ commit: 2n ** 53n - 1n, prepare: 0n }, 'x'), Number.MAX_SAFE_INTEGER);
    for (const bad of [-1, 1.5, Number.NaN]) assert.throws(() => logPositionOf(bad), (e: unknown) => isStoreError(e, 'STORE.INVALID'));
  });
});
