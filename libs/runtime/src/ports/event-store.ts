/** An event to append. `data` and `metadata` must be JSON-serialisable. */
export interface NewEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Record<string, unknown>;
}

/** An event as stored. `revision` is 0-based within its stream; `position` orders the global feed. */
export interface RecordedEvent {
  readonly streamId: string;
  readonly revision: number;
  /** Strictly increasing along the global feed (adapter-specific values; safe below 2^53). */
  readonly position: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  /** ISO-8601 time the store committed the event. */
  readonly recordedAt: string;
}

/** The revision the stream must be at: a number (last revision), `no_stream`, or `any`. */
export type ExpectedRevision = number | 'no_stream' | 'any';

export interface AppendResult {
  /** The revision of the last event appended. */
  readonly nextRevision: number;
  /** The global position of the last event appended. */
  readonly position: number;
}

/** Where a feed read or subscription starts: after a position, at the beginning, or at the head. */
export type FeedStart = { readonly after: number } | 'start' | 'end';

export interface ReadAllOptions {
  readonly limit?: number;
  /** Only streams whose id starts with this prefix (e.g. `ordoExecution-`). */
  readonly streamPrefix?: string;
}

export interface SubscribeOptions {
  readonly streamPrefix?: string;
  /** Max events per handler call. */
  readonly batchSize?: number;
}

/** A running subscription; `stop` resolves once no handler call is in flight. */
export interface Subscription {
  stop(): Promise<void>;
}

/**
 * The event store port (ARCHITECTURE §1.3). Appends are atomic per call and guarded by the
 * expected revision; a mismatch rejects with `StoreError` code `STORE.VERSION_CONFLICT`.
 */
export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream from `fromRevision` (inclusive), in order; `[]` for a missing stream. */
  readStream(streamId: string, fromRevision?: number, limit?: number): Promise<RecordedEvent[]>;
  /** Events of one stream newest first, from `fromRevision` (inclusive, default the last). */
  readStreamBackwards(streamId: string, fromRevision?: number, limit?: number): Promise<RecordedEvent[]>;
  /** The global feed in position order. */
  readAll(start: FeedStart, options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the newest event in the feed, or 0 when the store is empty. */
  headPosition(): Promise<number>;
  /**
   * Catch-up then live: delivers every event after `start` in feed order, each exactly once per
   * subscription, with no gap at the hand-off from catch-up to live. The next batch is delivered
   * only after the handler's promise settles; a rejected handler stops the subscription.
   */
  subscribeToAll(
    start: FeedStart,
    handler: (events: readonly RecordedEvent[]) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription;
  close(): Promise<void>;
}
