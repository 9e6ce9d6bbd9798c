import type { RecordedEvent, SubscribeOptions, Subscription } from '@ordo/runtime';

/** What a subscription needs from the store: the head and one page of the feed up to it. */
export interface FeedSource {
  head(): number;
  page(after: number, upTo: number, prefix: string | undefined, limit: number): RecordedEvent[];
}

const DEFAULT_BATCH_SIZE = 256;

/**
 * Catch-up and live are one loop: read the next page after the last delivered position, bounded
 * by the head observed first (SQLite commits one writer at a time, so every position at or below
 * an observed head is final); when there is nothing new, sleep until this process commits or the
 * poll interval passes (for other processes writing the same file). No gap, no duplicate.
 */
export class FeedSubscription implements Subscription {
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: FeedSource,
    private cursor: number,
    private readonly handler: (events: readonly RecordedEvent[]) => Promise<void>,
    private readonly options: SubscribeOptions,
    private readonly pollIntervalMs: number,
    onEnd: (s: FeedSubscription) => void,
  ) {
    this.done = this.run().finally(() => onEnd(this));
  }

  /** Called after every local commit. */
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
    const limit = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    while (!this.stopped) {
      const head = this.source.head();
      const events = head > this.cursor ? this.source.page(this.cursor, head, this.options.streamPrefix, limit) : [];
      if (events.length === 0) {
        this.cursor = Math.max(this.cursor, head);
        await this.sleep();
        continue;
      }
      try {
        await this.handler(events);
      } catch {
        return;
      }
      this.cursor = events.length < limit ? head : events[events.length - 1].position;
    }
  }

  private sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake(), this.pollIntervalMs);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
    });
  }
}
