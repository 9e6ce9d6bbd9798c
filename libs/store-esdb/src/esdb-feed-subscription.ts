import { END, START, streamNameFilter, type AllStreamSubscription, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import type { FeedStart, RecordedEvent, Subscription } from '@ordo/runtime';
import { NON_SYSTEM_STREAMS } from './esdb-all-reads';
import { fromResolvedEvent } from './esdb-event-mapping';
import { logPositionOf } from './esdb-positions';

/** Options of one feed subscription. */
export interface FeedSubscriptionOptions {
  readonly streamPrefix?: string;
  readonly batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 100;

/**
 * A catch-up subscription to `$all` with a server-side stream filter. EventStoreDB's own
 * subscription does catch-up and the hand-off to live; this class turns its event stream into
 * handler calls of up to `batchSize` events, one at a time, reading on only after the handler
 * settles (so backpressure reaches the server). A rejected handler or a broken connection ends the
 * subscription; `failure` tells which.
 */
export class EsdbFeedSubscription implements Subscription {
  private readonly source: AllStreamSubscription;
  private readonly finished: Promise<void>;
  private stopping = false;
  private wake: () => void = () => undefined;
  private lastPosition = -1;
  /** Why the subscription ended on its own, if it did. */
  failure: unknown;

  constructor(
    client: EventStoreDBClient,
    start: FeedStart,
    private readonly handler: (events: readonly RecordedEvent[]) => Promise<void>,
    private readonly options: FeedSubscriptionOptions,
    private readonly onFinished: (subscription: EsdbFeedSubscription) => void,
  ) {
    if (typeof start === 'object') this.lastPosition = start.after;
    this.source = client.subscribeToAll({
      fromPosition: start === 'start' ? START : start === 'end' ? END : logPositionOf(start.after),
      filter: options.streamPrefix === undefined
        ? streamNameFilter({ regex: NON_SYSTEM_STREAMS })
        : streamNameFilter({ prefixes: [options.streamPrefix] }),
    });
    this.source.on('error', (error: unknown) => this.fail(error));
    for (const event of ['readable', 'end', 'close'] as const) this.source.on(event, () => this.wake());
    this.finished = this.pump().finally(() => this.onFinished(this));
  }

  /** Stops delivery; resolves once no handler call is in flight and the server call is cancelled. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.finished;
    await this.source.unsubscribe().catch(() => undefined);
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    this.stopping = true;
    this.wake();
  }

  private async pump(): Promise<void> {
    while (!this.stopping) {
      let batch: RecordedEvent[];
      try {
        batch = this.drain();
      } catch (error) {
        this.fail(error);
        return;
      }
      if (batch.length === 0) {
        if (this.source.readableEnded || this.source.destroyed) return;
        await new Promise<void>((resolve) => { this.wake = resolve; });
        continue;
      }
      try {
        await this.handler(batch);
      } catch (error) {
        this.fail(error);
      }
    }
  }

  /** Takes what the client has buffered, up to one batch, skipping anything at or before the cursor. */
  private drain(): RecordedEvent[] {
    const limit = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    const batch: RecordedEvent[] = [];
    while (batch.length < limit) {
      const resolved = this.source.read() as ResolvedEvent | null;
      if (resolved === null) break;
      const event = fromResolvedEvent(resolved);
      if (!event || event.position <= this.lastPosition) continue;
      this.lastPosition = event.position;
      batch.push(event);
    }
    return batch;
  }
}
