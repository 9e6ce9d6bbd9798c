import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertStrictlyIncreasing, feedKeys, someEvents, withFixture, type OpenEventStore } from './fixture';

const revisions = (events: readonly { revision: number }[]): number[] => events.map((e) => e.revision);

/** readStream, readStreamBackwards, readAll and headPosition. */
export function readsContract(open: OpenEventStore): void {
  test('readStream honours fromRevision and limit; a missing stream reads as []', () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('fwd');
      await store.append(id, someEvents(10), 'no_stream');
      assert.deepEqual(revisions(await store.readStream(id)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      assert.deepEqual(revisions(await store.readStream(id, 4)), [4, 5, 6, 7, 8, 9]);
      assert.deepEqual(revisions(await store.readStream(id, 4, 3)), [4, 5, 6]);
      assert.deepEqual(revisions(await store.readStream(id, 0, 1)), [0]);
      assert.deepEqual(await store.readStream(id, 10), []);
      assert.deepEqual(await store.readStream(names.stream('missing')), []);
    }));

  test('readStreamBackwards reads newest first from the last or a given revision', () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('bwd');
      await store.append(id, someEvents(6), 'no_stream');
      assert.deepEqual(revisions(await store.readStreamBackwards(id)), [5, 4, 3, 2, 1, 0]);
      assert.deepEqual(revisions(await store.readStreamBackwards(id, undefined, 1)), [5]);
      assert.deepEqual(revisions(await store.readStreamBackwards(id, 3)), [3, 2, 1, 0]);
      assert.deepEqual(revisions(await store.readStreamBackwards(id, 3, 2)), [3, 2]);
      assert.deepEqual(await store.readStreamBackwards(names.stream('missing')), []);
    }));

  test('readAll returns the feed in position order across streams, filtered by prefix', () =>
    withFixture(open, async ({ store }, names) => {
      const headBefore = await store.headPosition();
      const order: string[] = [];
      for (let round = 0; round < 3; round++) {
        for (const label of ['a', 'b', 'c']) {
          await store.append(names.stream(label), someEvents(2, `${label}${round}`), 'any');
          order.push(`${label}${round}`, `${label}${round}`);
        }
      }
      await store.append(`other${names.prefix}x`, someEvents(1), 'no_stream');
      const fromStart = await store.readAll('start', { streamPrefix: names.prefix });
      assert.deepEqual(fromStart.map((e) => (e.data as { label: string }).label), order);
      assertStrictlyIncreasing(fromStart.map((e) => e.position), 'feed positions');
      assert.ok(fromStart[0].position > headBefore);
      const after = await store.readAll({ after: headBefore }, { streamPrefix: names.prefix });
      assert.deepEqual(feedKeys(after), feedKeys(fromStart));
      const unfiltered = await store.readAll({ after: headBefore });
      assert.ok(unfiltered.some((e) => e.streamId === `other${names.prefix}x`), 'an unfiltered read includes every stream');
      assertStrictlyIncreasing(unfiltered.map((e) => e.position), 'unfiltered feed positions');
    }));

  test('readAll pages with after + limit and returns [] from the end', () =>
    withFixture(open, async ({ store }, names) => {
      for (let i = 0; i < 7; i++) await store.append(names.stream(i % 2), someEvents(1, `n${i}`), 'any');
      const all = await store.readAll('start', { streamPrefix: names.prefix });
      assert.equal(all.length, 7);
      const paged = [];
      let cursor = (await store.readAll('start', { streamPrefix: names.prefix, limit: 3 }));
      assert.equal(cursor.length, 3);
      while (cursor.length > 0) {
        paged.push(...cursor);
        cursor = await store.readAll({ after: cursor[cursor.length - 1].position }, { streamPrefix: names.prefix, limit: 3 });
      }
      assert.deepEqual(feedKeys(paged), feedKeys(all));
      assert.deepEqual(await store.readAll('end', { streamPrefix: names.prefix }), []);
      assert.deepEqual(await store.readAll({ after: all[6].position }, { streamPrefix: names.prefix }), []);
      const limited = await store.readAll({ after: all[1].position }, { streamPrefix: names.prefix, limit: 2 });
      assert.deepEqual(feedKeys(limited), feedKeys(all.slice(2, 4)));
    }));

  test('headPosition is the position of the newest event', () =>
    withFixture(open, async ({ store }, names) => {
      const { position } = await store.append(names.stream('head'), someEvents(3), 'no_stream');
      assert.ok((await store.headPosition()) >= position);
      const [last] = await store.readStreamBackwards(names.stream('head'), undefined, 1);
      assert.equal(last.position, position);
    }));
}
