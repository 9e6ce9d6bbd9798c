import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  BACKWARDS, END, ErrorType, EventStoreDBClient, START, eventTypeFilter, jsonEvent, streamNameFilter,
  type AllStreamResolvedEvent, type Position, type ResolvedEvent,
} from '@eventstore/db-client';
import { EsdbProtocolTestServer } from '../esdb-protocol-server';

// The test server is checked through the official client, so what passes here is what the client
// accepts from a real EventStoreDB.

let server: EsdbProtocolTestServer;
let client: EventStoreDBClient;

before(async () => {
  server = await EsdbProtocolTestServer.start({ maxAppendSize: 64 * 1024 });
  client = EventStoreDBClient.connectionString(server.connectionString);
});

after(async () => {
  await client.dispose();
  await server.stop();
});

const unique = (label: string): string => `proto${randomUUID().slice(0, 8)}-${label}`;
const events = (n: number, type = 'Tested') => Array.from({ length: n }, (_, i) => jsonEvent({ type, data: { i } }));

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  return assert.fail('expected a rejection');
}

describe('EsdbProtocolTestServer: Streams.Append', () => {
  test('expected revision any / no_stream / stream_exists / exact, with the wrong-expected-version details', async () => {
    const stream = unique('append');
    const missing = await rejection(client.appendToStream(stream, events(1), { expectedRevision: 'stream_exists' }));
    assert.equal(missing.type, ErrorType.WRONG_EXPECTED_VERSION);
    assert.deepEqual([missing.streamName, missing.expectedVersion, missing.actualVersion], [stream, 'stream_exists', 'no_stream']);
    const first = await client.appendToStream(stream, events(2), { expectedRevision: 'no_stream' });
    assert.equal(first.nextExpectedRevision, 1n);
    const stale = await rejection(client.appendToStream(stream, events(1), { expectedRevision: 0n }));
    assert.deepEqual([stale.expectedVersion, stale.actualVersion], [0n, 1n]);
    const noStream = await rejection(client.appendToStream(stream, events(1), { expectedRevision: 'no_stream' }));
    assert.deepEqual([noStream.expectedVersion, noStream.actualVersion], ['no_stream', 1n]);
    assert.equal((await client.appendToStream(stream, events(1), { expectedRevision: 'stream_exists' })).nextExpectedRevision, 2n);
    assert.equal((await client.appendToStream(stream, events(1), { expectedRevision: 2n })).nextExpectedRevision, 3n);
    assert.equal((await client.appendToStream(stream, events(1))).nextExpectedRevision, 4n);
  });

  test('the append position names the last event (commit) and the first (prepare)', async () => {
    const stream = unique('positions');
    const result = await client.appendToStream(stream, events(3), { expectedRevision: 'no_stream' });
    const read = await collect(client.readStream(stream));
    const positions = read.map((e) => e.event!.position!);
    assert.equal(result.position!.commit, positions[2].commit);
    assert.equal(result.position!.prepare, positions[0].prepare);
    assert.ok(positions.every((p) => p.commit === p.prepare));
    assert.ok(positions[0].commit < positions[1].commit && positions[1].commit < positions[2].commit);
  });

  test('a retried append with the same event ids is idempotent', async () => {
    const stream = unique('idempotent');
    const batch = [jsonEvent({ type: 'A', data: {}, id: randomUUID() }), jsonEvent({ type: 'B', data: {}, id: randomUUID() })];
    const first = await client.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    const retried = await client.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    assert.equal(retried.nextExpectedRevision, first.nextExpectedRevision);
    assert.equal((await collect(client.readStream(stream))).length, 2);
  });

  test('an append above the maximum append size is refused', async () => {
    const big = jsonEvent({ type: 'Big', data: { text: 'x'.repeat(70 * 1024) } });
    const error = await rejection(client.appendToStream(unique('big'), big));
    assert.equal(error.type, ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED);
  });
});

describe('EsdbProtocolTestServer: Streams.Read', () => {
  test('stream reads: forwards/backwards, from revision, count, stream not found', async () => {
    const stream = unique('read');
    await client.appendToStream(stream, events(5), { expectedRevision: 'no_stream' });
    const revisions = (read: ResolvedEvent[]) => read.map((e) => Number(e.event!.revision));
    assert.deepEqual(revisions(await collect(client.readStream(stream, { fromRevision: 2n, maxCount: 2 }))), [2, 3]);
    assert.deepEqual(revisions(await collect(client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 2 }))), [4, 3]);
    assert.deepEqual(revisions(await collect(client.readStream(stream, { direction: BACKWARDS, fromRevision: 1n }))), [1, 0]);
    const missing = await rejection(collect(client.readStream(unique('missing'))));
    assert.equal(missing.type, ErrorType.STREAM_NOT_FOUND);
  });

  test('$all: forwards from a position includes it, backwards from a position excludes it', async () => {
    const stream = unique('all');
    await client.appendToStream(stream, events(3), { expectedRevision: 'no_stream' });
    const mine = (await collect(client.readAll({ fromPosition: START }))).filter((e) => e.event?.streamId === stream);
    const middle = mine[1].event!.position;
    const forwards = await collect(client.readAll({ fromPosition: middle, maxCount: 2 }));
    assert.deepEqual(forwards.map((e) => e.event!.position.commit), [mine[1], mine[2]].map((e) => e.event!.position.commit));
    const backwards = await collect(client.readAll({ fromPosition: middle, direction: BACKWARDS, maxCount: 1 }));
    assert.equal(backwards[0].event!.position.commit, mine[0].event!.position.commit);
  });
});

describe('EsdbProtocolTestServer: subscriptions to $all', () => {
  test('confirmation, catch-up with checkpoints, caught-up, then live, after an exclusive start position', async () => {
    const prefix = unique('sub');
    await client.appendToStream(`${prefix}a`, events(3), { expectedRevision: 'no_stream' });
    await client.appendToStream(unique('other'), events(40));
    const [first] = await collect(client.readStream(`${prefix}a`, { maxCount: 1 }));
    const checkpoints: Position[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: first.event!.position!,
      filter: streamNameFilter({ prefixes: [prefix], checkpointInterval: 1, checkpointReached: async (_s, p) => { checkpoints.push(p); } }),
    });
    const signals: string[] = [];
    subscription.on('confirmation', () => signals.push('confirmation')).on('caughtUp', () => signals.push('caughtUp'));
    const received: AllStreamResolvedEvent[] = [];
    for await (const event of subscription) {
      received.push(event);
      if (received.length === 2) await client.appendToStream(`${prefix}b`, events(1));
      if (received.length === 3) break;
    }
    assert.deepEqual(received.map((e) => `${e.event!.streamId}@${e.event!.revision}`), [`${prefix}a@1`, `${prefix}a@2`, `${prefix}b@0`]);
    assert.deepEqual(signals, ['confirmation', 'caughtUp']);
    assert.ok(checkpoints.length >= 1, 'a filtered subscription reports checkpoints');
  });

  test('an event-type regex filter applies server side', async () => {
    const type = `Only${randomUUID().slice(0, 8)}`;
    await client.appendToStream(unique('types'), [...events(2), ...events(1, type)]);
    const subscription = client.subscribeToAll({ fromPosition: START, filter: eventTypeFilter({ regex: `^${type}$` }) });
    for await (const event of subscription) {
      assert.equal(event.event!.type, type);
      break;
    }
  });
});
