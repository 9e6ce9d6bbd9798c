import type { EventStore, RecordedEvent } from '@ordo/runtime';
import type { ApplyResult, ReadModelStore } from './ports';
import { EXECUTION_STREAM_PREFIX } from './projectable';

/** Receives batches of recorded events in feed order; resolves once they are durably applied. */
export type EventBatchHandler = (events: readonly RecordedEvent[]) => Promise<void>;

/**
 * Anything that can deliver the execution events after a feed position: an EventStore
 * subscription (embedded mode) or a bus consumer of `ordo.events.v1` (distributed mode).
 */
export interface ProjectorSource {
  subscribe(afterPosition: number, handler: EventBatchHandler): { stop(): Promise<void> };
}

/** What a projector has done since it was created. */
export interface ProjectorStats {
  readonly batches: number;
  readonly applied: number;
  readonly skipped: number;
  readonly checkpoint: number;
}

/**
 * Keeps the views up to date: each batch goes through `store.apply` (views and checkpoint in one
 * transaction, duplicates skipped), one batch at a time. A source can push to `handle` directly
 * (a bus consumer, which commits its offsets after `handle` resolves) or be driven by `start`.
 */
export class Projector {
  private chain: Promise<unknown> = Promise.resolve();
  private subscription: { stop(): Promise<void> } | undefined;
  private stats: ProjectorStats = { batches: 0, applied: 0, skipped: 0, checkpoint: 0 };

  constructor(private readonly store: ReadModelStore) {}

  /** Applies one batch; batches from concurrent callers are applied one after another. */
  readonly handle: EventBatchHandler = (events) => {
    const next = this.chain.then(() => this.applyBatch(events));
    this.chain = next.catch(() => undefined);
    return next.then(() => undefined);
  };

  /** Subscribes `source` from the store's checkpoint. */
  async start(source: ProjectorSource): Promise<void> {
    if (this.subscription !== undefined) return;
    const after = await this.store.checkpoint();
    this.stats = { ...this.stats, checkpoint: after };
    this.subscription = source.subscribe(after, this.handle);
  }

  /** Stops the subscription; resolves once no batch is being applied. */
  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    await this.chain;
  }

  /** Feed positions between the store's checkpoint and `headPosition` (0 when caught up). */
  async lag(headPosition: number): Promise<number> {
    return Math.max(0, headPosition - (await this.store.checkpoint()));
  }

  /** Counters since creation. */
  status(): ProjectorStats {
    return this.stats;
  }

  private async applyBatch(events: readonly RecordedEvent[]): Promise<ApplyResult | undefined> {
    if (events.length === 0) return undefined;
    const result = await this.store.apply(events);
    this.stats = {
      batches: this.stats.batches + 1,
      applied: this.stats.applied + result.applied,
      skipped: this.stats.skipped + result.skipped,
      checkpoint: result.checkpoint,
    };
    return result;
  }
}

/** A projector source over an EventStore's catch-up-then-live subscription to execution streams. */
export function eventStoreSource(store: Pick<EventStore, 'subscribeToAll'>, batchSize = 500): ProjectorSource {
  return {
    subscribe(afterPosition, handler) {
      const start = afterPosition > 0 ? { after: afterPosition } : 'start';
      return store.subscribeToAll(start, handler, { streamPrefix: EXECUTION_STREAM_PREFIX, batchSize });
    },
  };
}

/** How far a projector is behind an event store's head, in feed positions. */
export async function projectorLag(store: Pick<ReadModelStore, 'checkpoint'>, log: Pick<EventStore, 'headPosition'>): Promise<number> {
  const [head, checkpoint] = await Promise.all([log.headPosition(), store.checkpoint()]);
  return Math.max(0, head - checkpoint);
}
