import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStoreError, type EventStore, type ExpectedRevision } from '@ordo/runtime';
import { assertStrictlyIncreasing, someEvents, withFixture, type OpenEventStore } from './fixture';

/** Appends to a stream expecting a VERSION_CONFLICT that names the stream and both revisions. */
async function assertConflict(
  store: EventStore, streamId: string, expected: ExpectedRevision, actual: number | 'no_stream',
): Promise<void> {
  const actualText = String(actual);
  await assert.rejects(store.append(streamId, someEvents(2, 'conflicting'), expected), (e: unknown) => {
    assert.ok(isStoreError(e, 'STORE.VERSION_CONFLICT'), `expected STORE.VERSION_CONFLICT, got ${String(e)}`);
    assert.ok(e.message.includes(streamId), `message names the stream: ${e.message}`);
    assert.ok(e.message.includes(String(expected)), `message names the expected revision ${String(expected)}: ${e.message}`);
    assert.ok(e.message.includes(actualText), `message names the actual revision ${actualText}: ${e.message}`);
    assert.equal(e.details.streamId, streamId);
    assert.equal(e.details.expected, expected);
    assert.equal(e.details.actual, actual);
    return true;
  });
}

/** Appends, revisions and the expected-revision guard. */
export function appendContract(open: OpenEventStore): void {
  test('append assigns revisions 0..n-1 in order and strictly increasing positions', () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('order');
      const first = await store.append(id, someEvents(3), 'no_stream');
      const second = await store.append(id, someEvents(2, 'more'), 2);
      assert.equal(first.nextRevision, 2);
      assert.equal(second.nextRevision, 4);
      assert.ok(second.position > first.position);
      const read = await store.readStream(id);
      assert.deepEqual(read.map((e) => e.revision), [0, 1, 2, 3, 4]);
      assert.deepEqual(read.map((e) => (e.data as { label: string }).label), ['e', 'e', 'e', 'more', 'more']);
      assert.deepEqual(read.map((e) => e.streamId), Array(5).fill(id));
      assertStrictlyIncreasing(read.map((e) => e.position), 'positions within a stream');
      assert.equal(read[2].position, first.position);
      assert.equal(read[4].position, second.position);
      for (const e of read) {
        assert.equal(e.type, 'Tested');
        assert.deepEqual(e.metadata, {});
        assert.ok(!Number.isNaN(Date.parse(e.recordedAt)), `recordedAt is an ISO time: ${e.recordedAt}`);
      }
      assert.ok((await store.headPosition()) >= second.position);
    }));

  test("'no_stream' succeeds on a new stream and conflicts on an existing one", () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('nostream');
      await store.append(id, someEvents(1), 'no_stream');
      await assertConflict(store, id, 'no_stream', 0);
      assert.equal((await store.readStream(id)).length, 1);
    }));

  test('a numeric expected revision must equal the last revision', () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('numeric');
      await store.append(id, someEvents(3), 'no_stream');
      await assertConflict(store, id, 1, 2);
      await assertConflict(store, id, 3, 2);
      await assertConflict(store, names.stream('missing'), 0, 'no_stream');
      assert.equal((await store.readStream(id)).length, 3);
      assert.deepEqual(await store.readStream(names.stream('missing')), []);
      assert.equal((await store.append(id, someEvents(1), 2)).nextRevision, 3);
    }));

  test("'any' appends whatever the stream's revision", () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('any');
      assert.equal((await store.append(id, someEvents(2), 'any')).nextRevision, 1);
      assert.equal((await store.append(id, someEvents(2), 'any')).nextRevision, 3);
      assert.deepEqual((await store.readStream(id)).map((e) => e.revision), [0, 1, 2, 3]);
    }));

  test('a conflicting multi-event append writes none of its events', () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('atomic');
      await store.append(id, someEvents(2, 'kept'), 'no_stream');
      const headBefore = await store.headPosition();
      await assertConflict(store, id, 0, 1);
      const read = await store.readStream(id);
      assert.deepEqual(read.map((e) => (e.data as { label: string }).label), ['kept', 'kept']);
      assert.deepEqual(await store.readAll({ after: headBefore }, { streamPrefix: names.prefix }), []);
      const next = await store.append(id, someEvents(3, 'after'), 1);
      assert.equal(next.nextRevision, 4);
      assert.deepEqual((await store.readStream(id)).map((e) => e.revision), [0, 1, 2, 3, 4]);
    }));

  test('metadata round-trips exactly', () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('meta');
      const metadata = { eventId: `${id}:0`, correlationId: 'c-1', causationId: null, decisionVersion: 3, nested: { a: [1, 'two'] } };
      await store.append(id, [{ type: 'WithMeta', data: { x: 1 }, metadata }], 'no_stream');
      const [read] = await store.readStream(id);
      assert.deepEqual(read.metadata, metadata);
      assert.equal(read.type, 'WithMeta');
    }));
}
