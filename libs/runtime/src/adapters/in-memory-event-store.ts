import type {
  AppendResult, EventStore, ExpectedRevision, FeedStart, NewEvent, ReadAllOptions, RecordedEvent,
  SubscribeOptions, Subscription,
} from '../ports/event-store';
import { StoreError, versionConflictError } from '../ports/store-error';

/** An event as kept in memory: JSON text, so readers never share objects with writers. */
interface StoredEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: string;
}

const DEFAULT_BATCH_SIZE = 256;

function toRecorded(e: StoredEvent): RecordedEvent {
  return {
    streamId: e.streamId, revision: e.revision, position: e.position, type: e.type,
    data: JSON.parse(e.data), metadata: JSON.parse(e.metadata), recordedAt: e.recordedAt,
  };
}

function toJson(value: unknown, streamId: string, index: number, field: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new StoreError('STORE.INVALID', `Event ${index} of the append to stream "${streamId}" has ${field} that is not JSON-serialisable.`, { streamId }, false, { cause: e });
  }
  if (text === undefined) {
    throw new StoreError('STORE.INVALID', `Event ${index} of the append to stream "${streamId}" has ${field} that is not JSON-serialisable.`, { streamId });
  }
  return text;
}

function assertValidAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new StoreError('STORE.INVALID', 'An append needs a non-empty stream id.');
  if (events.length === 0) throw new StoreError('STORE.INVALID', `The append to stream "${streamId}" has no events.`, { streamId });
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new StoreError('STORE.INVALID', `The append to stream "${streamId}" has an invalid expected revision ${expected}.`, { streamId, expected });
  }
}

/**
 * An EventStore held in process memory, with the same semantics as the durable adapters
 * (revisions, expected-revision guard, global feed, catch-up/live subscriptions). Used by
 * `ordo run` and unit tests; nothing survives the process.
 */
export class InMemoryEventStore implements EventStore {
  private readonly feed: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly subscriptions = new Set<MemorySubscription>();
  private closed = false;

  /** `now` supplies `recordedAt` (defaults to the wall clock). */
  constructor(private readonly now: () => Date = () => new Date()) {}

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertValidAppend(streamId, events, expected);
    const stream = this.streams.get(streamId) ?? [];
    const actual = stream.length === 0 ? 'no_stream' : stream.length - 1;
    if (expected !== 'any' && expected !== actual) throw versionConflictError(streamId, expected, actual);
    const recordedAt = this.now().toISOString();
    const stored = events.map((e, i): StoredEvent => ({
      streamId, revision: stream.length + i, position: this.feed.length + i + 1, type: e.type,
      data: toJson(e.data ?? null, streamId, i, 'data'), metadata: toJson(e.metadata ?? {}, streamId, i, 'metadata'), recordedAt,
    }));
    stream.push(...stored);
    this.streams.set(streamId, stream);
    this.feed.push(...stored);
    for (const s of this.subscriptions) s.wake();
    const last = stored[stored.length - 1];
    return { nextRevision: last.revision, position: last.position };
  }

  async readStream(streamId: string, fromRevision = 0, limit = Number.MAX_SAFE_INTEGER): Promise<RecordedEvent[]> {
    this.assertOpen();
    const stream = this.streams.get(streamId) ?? [];
    return stream.slice(Math.max(0, fromRevision), Math.max(0, fromRevision) + limit).map(toRecorded);
  }

  async readStreamBackwards(streamId: string, fromRevision?: number, limit = Number.MAX_SAFE_INTEGER): Promise<RecordedEvent[]> {
    this.assertOpen();
    const stream = this.streams.get(streamId) ?? [];
    const from = Math.min(fromRevision ?? stream.length - 1, stream.length - 1);
    const out: RecordedEvent[] = [];
    for (let r = from; r >= 0 && out.length < limit; r--) out.push(toRecorded(stream[r]));
    return out;
  }

  async readAll(start: FeedStart, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.page(this.afterPosition(start), options.streamPrefix, options.limit ?? Number.MAX_SAFE_INTEGER).events;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.feed.length;
  }

  subscribeToAll(
    start: FeedStart,
    handler: (events: readonly RecordedEvent[]) => Promise<void>,
    options: SubscribeOptions = {},
  ): Subscription {
    this.assertOpen();
    const subscription = new MemorySubscription(this, this.afterPosition(start), handler, options, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
  }

  /** Events after `after` matching `prefix`, up to `limit`, and how far the scan got. */
  page(after: number, prefix: string | undefined, limit: number): { events: RecordedEvent[]; scannedTo: number } {
    const events: RecordedEvent[] = [];
    let index = Math.max(0, after);
    for (; index < this.feed.length && events.length < limit; index++) {
      const e = this.feed[index];
      if (prefix === undefined || e.streamId.startsWith(prefix)) events.push(toRecorded(e));
    }
    return { events, scannedTo: index };
  }

  private afterPosition(start: FeedStart): number {
    if (start === 'start') return 0;
    if (start === 'end') return this.feed.length;
    return start.after;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('STORE.CLOSED', 'The in-memory event store is closed.');
  }
}

/** A catch-up/live subscription: it always reads onward from the last position it delivered. */
class MemorySubscription implements Subscription {
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  private readonly done: Promise<void>;

  constructor(
    private readonly store: InMemoryEventStore,
    private cursor: number,
    private readonly handler: (events: readonly RecordedEvent[]) => Promise<void>,
    private readonly options: SubscribeOptions,
    private readonly onEnd: (s: MemorySubscription) => void,
  ) {
    this.done = this.run().finally(() => onEnd(this));
  }

  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.done;
  }

  private async run(): Promise<void> {
    await Promise.resolve();
    while (!this.stopped) {
      const { events, scannedTo } = this.store.page(this.cursor, this.options.streamPrefix, this.options.batchSize ?? DEFAULT_BATCH_SIZE);
      if (events.length === 0) {
        this.cursor = scannedTo;
        await new Promise<void>((resolve) => { this.wakeUp = resolve; });
        this.wakeUp = undefined;
        continue;
      }
      try {
        await this.handler(events);
      } catch {
        return;
      }
      this.cursor = events[events.length - 1].position;
    }
  }
}
