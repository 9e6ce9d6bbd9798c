import {
  ANY, BACKWARDS, END, FORWARDS, NO_STREAM, StreamNotFoundError,
  type AppendExpectedRevision, type EventStoreDBClient, type ReadStreamOptions, type ResolvedEvent,
} from '@eventstore/db-client';
import {
  StoreError,
  type AppendResult, type EventStore, type ExpectedRevision, type FeedStart, type NewEvent,
  type ReadAllOptions, type RecordedEvent, type SubscribeOptions, type Subscription,
} from '@ordo/runtime';
import { readAllFiltered } from './esdb-all-reads';
import { connectEsdb, esdbUrlFromEnv } from './esdb-connection';
import { translateEsdbError } from './esdb-errors';
import { fromResolvedEvent, toEventData } from './esdb-event-mapping';
import { EsdbFeedSubscription } from './esdb-feed-subscription';
import { feedPositionOf, logPositionOf } from './esdb-positions';

/** How to reach EventStoreDB. */
export interface EsdbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`; defaults to `ORDO_ESDB_URL`. */
  readonly connectionString?: string;
}

const ALL = Number.MAX_SAFE_INTEGER;

/**
 * The EventStore port on EventStoreDB (ARCHITECTURE §1.4, distributed mode). One Ordo stream is
 * one EventStoreDB stream; events are JSON with the port's metadata as their JSON metadata; the
 * feed is `$all` without EventStoreDB's `$` system streams, read and subscribed with server-side
 * stream-name filters; feed positions are commit positions (docs/decisions/0201).
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly subscriptions = new Set<EsdbFeedSubscription>();
  private closed = false;

  constructor(options: EsdbEventStoreOptions = {}) {
    this.client = connectEsdb(options.connectionString ?? esdbUrlFromEnv());
  }

  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.run({ operation: 'append', streamId, expected }, async () => {
      if (events.length === 0) throw new StoreError('STORE.INVALID', `Append to stream "${streamId}" has no events.`, { streamId });
      const data = events.map((event, i) => toEventData(event, streamId, i));
      const result = await this.client.appendToStream(streamId, data, { expectedRevision: expectedRevisionOf(expected) });
      return {
        nextRevision: Number(result.nextExpectedRevision),
        position: feedPositionOf(result.position, `the append to stream "${streamId}"`),
      };
    });
  }

  readStream(streamId: string, fromRevision = 0, limit = ALL): Promise<RecordedEvent[]> {
    return this.run({ operation: 'readStream', streamId }, () =>
      this.readOneStream(streamId, { direction: FORWARDS, fromRevision: BigInt(fromRevision), maxCount: limit }));
  }

  readStreamBackwards(streamId: string, fromRevision?: number, limit = ALL): Promise<RecordedEvent[]> {
    const from = fromRevision === undefined ? END : BigInt(fromRevision);
    return this.run({ operation: 'readStreamBackwards', streamId }, () =>
      this.readOneStream(streamId, { direction: BACKWARDS, fromRevision: from, maxCount: limit }));
  }

  readAll(start: FeedStart, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.run({ operation: 'readAll' }, async () => {
      const limit = options.limit ?? ALL;
      if (start === 'end' || limit <= 0) return [];
      if (start === 'start') return readAllFiltered(this.client, { from: 'start', direction: 'forwards', count: limit, streamPrefix: options.streamPrefix });
      // Reads of $all include the event at the start position; the port's `after` excludes it.
      const count = Math.min(limit + 1, ALL);
      const events = await readAllFiltered(this.client, { from: logPositionOf(start.after), direction: 'forwards', count, streamPrefix: options.streamPrefix });
      return events.filter((e) => e.position > start.after).slice(0, limit);
    });
  }

  headPosition(): Promise<number> {
    return this.run({ operation: 'headPosition' }, async () => {
      const [newest] = await readAllFiltered(this.client, { from: 'end', direction: 'backwards', count: 1 });
      return newest?.position ?? 0;
    });
  }

  subscribeToAll(start: FeedStart, handler: (events: readonly RecordedEvent[]) => Promise<void>, options: SubscribeOptions = {}): Subscription {
    this.assertOpen('subscribeToAll');
    const subscription = new EsdbFeedSubscription(this.client, start, handler, options, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Stops subscriptions, lets calls in flight finish, then releases the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await Promise.allSettled([...this.inFlight]);
    await this.client.dispose();
  }

  private async readOneStream(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, options) as AsyncIterable<ResolvedEvent>) {
        const event = fromResolvedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /** Runs one call: rejects once closed, tracks it so close() can wait, translates driver errors. */
  private run<T>(context: { operation: string; streamId?: string; expected?: ExpectedRevision }, call: () => Promise<T>): Promise<T> {
    try {
      this.assertOpen(context.operation);
    } catch (error) {
      return Promise.reject(error);
    }
    const running = call().catch((error: unknown) => {
      throw translateEsdbError(error, context);
    });
    this.inFlight.add(running);
    const forget = (): void => { this.inFlight.delete(running); };
    running.then(forget, forget);
    return running;
  }

  private assertOpen(operation: string): void {
    if (this.closed) throw new StoreError('STORE.CLOSED', `EsdbEventStore is closed; ${operation} was refused.`);
  }
}

function expectedRevisionOf(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  return BigInt(expected);
}
