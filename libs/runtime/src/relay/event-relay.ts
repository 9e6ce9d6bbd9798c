import type { EventStore, RecordedEvent, Subscription } from '../ports/event-store';
import type { MessageBus } from '../ports/message-bus';
import { EXECUTION_STREAM_PREFIX } from '../streams';
import { EVENTS_TOPIC } from '../topics';
import type { CheckpointStore } from './checkpoint-store';
import { toEventMessage } from './event-message';

export interface EventRelayOptions {
  readonly store: EventStore;
  readonly bus: MessageBus;
  readonly checkpoints: CheckpointStore;
  /** Checkpoint name; one active relay per name. Default `events-relay`. */
  readonly name?: string;
  /** Default `ordo.events.v1`. */
  readonly topic?: string;
  /** Events per publish. Default 500. */
  readonly batchSize?: number;
  /** Least time between two checkpoint saves (0 = after every batch). Default 1000 ms. */
  readonly checkpointIntervalMs?: number;
  /** Back-off after a failed publish or save: doubles from `min` to `max`. Default 100 → 5000 ms. */
  readonly retryBackoffMs?: { readonly min: number; readonly max: number };
  /** Told about every failed publish or checkpoint save (the relay retries them). */
  readonly onError?: (error: unknown, step: 'publish' | 'checkpoint') => void;
}

class RelayStopped extends Error {
  constructor() {
    super('The relay is stopping.');
    this.name = 'RelayStopped';
  }
}

/**
 * Follows the store's global feed (execution streams only) from a durable checkpoint and publishes
 * every event to the events topic keyed by execution id. The checkpoint moves only after the broker
 * acknowledged the events up to it, so a restart at any instant loses nothing; it may publish again
 * what was acknowledged after the last save (duplicates carry the same `ordo-event-id`).
 */
export class EventRelay {
  private subscription: Subscription | undefined;
  private acked = 0;
  private saved = 0;
  private lastSaveAt = 0;
  private stopping = false;
  private wakeSleeper: (() => void) | undefined;
  private readonly name: string;

  constructor(private readonly options: EventRelayOptions) {
    this.name = options.name ?? 'events-relay';
  }

  /** Feed position of the newest event the broker acknowledged. */
  get position(): number {
    return this.acked;
  }

  /** Feed position last saved as the checkpoint. */
  get checkpointed(): number {
    return this.saved;
  }

  /** Loads the checkpoint and starts following the feed from just after it. */
  async start(): Promise<void> {
    if (this.subscription) throw new Error(`Relay "${this.name}" is already running.`);
    const from = await this.options.checkpoints.load(this.name);
    this.acked = this.saved = from ?? 0;
    this.stopping = false;
    this.subscription = this.options.store.subscribeToAll(
      from === undefined ? 'start' : { after: from },
      (events) => this.relay(events),
      { streamPrefix: EXECUTION_STREAM_PREFIX, batchSize: this.options.batchSize ?? 500 },
    );
  }

  /** Stops following the feed, waits for the batch in flight, and saves the checkpoint. */
  async stop(): Promise<void> {
    await this.halt();
    if (this.acked > this.saved) await this.options.checkpoints.save(this.name, this.acked).then(() => { this.saved = this.acked; });
  }

  /** Stops without saving the checkpoint, as a crash would (tests; or shutting down on a fatal error). */
  async abort(): Promise<void> {
    await this.halt();
  }

  /** How many feed positions the relay is behind the store's head (non-execution events included). */
  async lag(): Promise<number> {
    return Math.max(0, (await this.options.store.headPosition()) - this.acked);
  }

  private async halt(): Promise<void> {
    this.stopping = true;
    this.wakeSleeper?.();
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  private async relay(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const messages = events.map(toEventMessage);
    await this.retrying('publish', () => this.options.bus.publishBatch(this.options.topic ?? EVENTS_TOPIC, messages));
    this.acked = events[events.length - 1].position;
    if (Date.now() - this.lastSaveAt >= (this.options.checkpointIntervalMs ?? 1000)) {
      const position = this.acked;
      await this.retrying('checkpoint', () => this.options.checkpoints.save(this.name, position));
      this.saved = position;
      this.lastSaveAt = Date.now();
    }
  }

  private async retrying<T>(step: 'publish' | 'checkpoint', action: () => Promise<T>): Promise<T> {
    const { min, max } = this.options.retryBackoffMs ?? { min: 100, max: 5000 };
    for (let delay = min; ; delay = Math.min(max, delay * 2)) {
      if (this.stopping) throw new RelayStopped();
      try {
        return await action();
      } catch (e) {
        this.options.onError?.(e, step);
        await this.sleep(delay);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleeper = done;
    });
  }
}
