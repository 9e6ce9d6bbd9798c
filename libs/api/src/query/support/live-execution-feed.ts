import type { AuditEventView, OrdoQueryEngine } from '../query.port';

const TERMINAL_TYPES = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionStopped']);

/** Options of a live feed. */
export interface LiveFeedOptions {
  /** Events read per store call. */
  readonly pageSize: number;
  /** Longest wait before re-reading the store without an append notification (other processes' appends). */
  readonly pollMs: number;
}

export const DEFAULT_LIVE_FEED_OPTIONS: LiveFeedOptions = { pageSize: 200, pollMs: 500 };

/**
 * The recorded events of one execution after `afterEventId`, then new ones as they are appended,
 * page by page, in event order with no gap and no duplicate: it reads the event store from the
 * last delivered event id, and waits for the engine's append notification (or `pollMs`, for
 * appends made by other processes) when caught up. It ends after the execution's terminal event.
 */
export class LiveExecutionFeed {
  private lastEventId: number;
  private closed = false;
  private ended = false;
  private wake: (() => void) | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engine: OrdoQueryEngine,
    private readonly flowName: string,
    private readonly executionName: string,
    afterEventId: number,
    private readonly options: LiveFeedOptions = DEFAULT_LIVE_FEED_OPTIONS,
  ) {
    this.lastEventId = afterEventId;
    const executionId = `${flowName}.${executionName}`;
    this.unsubscribe = engine.onAppended((id) => { if (id === executionId) this.wake?.(); });
  }

  /** The next non-empty page of events, or undefined once the feed ended or was closed. */
  async nextPage(): Promise<AuditEventView[] | undefined> {
    while (!this.closed && !this.ended) {
      const page = await this.engine.eventsAfter(this.flowName, this.executionName, this.lastEventId, this.options.pageSize);
      if (this.closed) break;
      if (page.length > 0) {
        this.lastEventId = page[page.length - 1].eventId;
        if (page.some((e) => TERMINAL_TYPES.has(e.type))) this.ended = true;
        return page;
      }
      await this.waitForAppend();
    }
    this.close();
    return undefined;
  }

  /** Stops the feed; a pending `nextPage` resolves with undefined. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.wake?.();
  }

  private waitForAppend(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.pollMs);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }
}

/** The feed's events one by one, as the async iterator a GraphQL subscription returns. */
export function eventsIterator(feed: LiveExecutionFeed): AsyncIterableIterator<AuditEventView> {
  const buffer: AuditEventView[] = [];
  return iterator(feed, async () => {
    if (buffer.length === 0) buffer.push(...((await feed.nextPage()) ?? []));
    return buffer.shift();
  });
}

/**
 * The value now, then one value per page of new events, as a subscription iterator; it ends after
 * a value for which `isFinal` holds (a finished execution), or when the feed ends.
 */
export function updatesIterator<T>(feed: LiveExecutionFeed, current: () => Promise<T>, isFinal: (value: T) => boolean): AsyncIterableIterator<T> {
  let started = false;
  let finished = false;
  return iterator(feed, async () => {
    if (finished) return undefined;
    if (started && (await feed.nextPage()) === undefined) return undefined;
    started = true;
    const value = await current();
    finished = isFinal(value);
    return value;
  });
}

function iterator<T>(feed: LiveExecutionFeed, pull: () => Promise<T | undefined>): AsyncIterableIterator<T> {
  const it: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      const value = await pull();
      return value === undefined ? { done: true, value: undefined } : { done: false, value };
    },
    async return(): Promise<IteratorResult<T>> {
      feed.close();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => it,
  };
  return it;
}
