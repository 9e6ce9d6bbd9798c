import {
  EVENTS_TOPIC, fromEventMessage, publishDeadLetter,
  type BusConsumer, type BusMessage, type MessageBatch, type MessageBus, type RecordedEvent,
} from '@ordo/runtime';
import type { EventBatchHandler } from '../projector';
import { BatchCoalescer } from './batch-coalescer';

/** Default consumer group of projectors on `ordo.events.v1`. */
export const PROJECTOR_GROUP = 'ordo.projector';

/** Dead-letter code of a message on the events topic that is not an Ordo event. */
export const NOT_AN_EVENT = 'PROJECTOR.NOT_AN_EVENT';

export interface ProjectorConsumerOptions {
  readonly bus: MessageBus;
  /** Applies decoded events durably (usually `projector.handle`); offsets are committed after it resolves. */
  readonly apply: EventBatchHandler;
  /** Default `ordo.events.v1`. */
  readonly topic?: string;
  /** Default `ordo.projector`. */
  readonly groupId?: string;
  /** Upper bound on messages per delivery. Default 1000. */
  readonly maxBatchSize?: number;
  /**
   * Group members this consumer runs (default 1). Each member is fetched from independently, and
   * deliveries that arrive while a transaction is in flight are applied together in the next one,
   * so several members turn many small per-partition batches into fewer, larger transactions.
   */
  readonly members?: number;
  /** Told about failed batches (they are redelivered) and messages sent to the DLQ. */
  readonly onError?: (error: unknown, batch?: MessageBatch) => void;
  /** Milliseconds since the epoch, stamped on dead letters. Default `Date.now`. */
  readonly now?: () => number;
}

/** What a ProjectorConsumer has done since it started. */
export interface ProjectorConsumerStats {
  readonly batches: number;
  readonly messages: number;
  readonly deadLetters: number;
}

/**
 * The distributed projector's input: consumes the events topic as a group through the MessageBus,
 * turns each message back into the stored event, applies every delivery through `apply` (views and
 * their checkpoint in one transaction, shared with deliveries that arrived meanwhile) and commits
 * the partition's offset only after that. A crash between the two redelivers events the views
 * already hold; the per-(execution, revision) guard skips them. Messages that are not Ordo events
 * go to `ordo.dlq.v1` so they cannot stall a partition (decisions 1101, 1106).
 */
export class ProjectorConsumer {
  private consumers: BusConsumer[] = [];
  private stats: ProjectorConsumerStats = { batches: 0, messages: 0, deadLetters: 0 };
  private readonly coalescer: BatchCoalescer;

  constructor(private readonly options: ProjectorConsumerOptions) {
    this.coalescer = new BatchCoalescer(options.apply);
  }

  /** Joins the group with every member; resolves once they run. */
  async start(): Promise<void> {
    if (this.consumers.length > 0) return;
    const members = Math.max(1, this.options.members ?? 1);
    try {
      for (let i = 0; i < members; i++) {
        this.consumers.push(await this.options.bus.consume({
          groupId: this.options.groupId ?? PROJECTOR_GROUP,
          topics: [this.options.topic ?? EVENTS_TOPIC],
          fromBeginning: true,
          maxBatchSize: this.options.maxBatchSize ?? 1000,
          onError: this.options.onError,
        }, (batch, consumer) => this.handle(batch, consumer)));
      }
    } catch (e) {
      await this.close();
      throw e;
    }
  }

  /** Leaves the group; uncommitted deliveries are redelivered to whoever takes the partitions. */
  async close(): Promise<void> {
    const consumers = this.consumers;
    this.consumers = [];
    await Promise.all(consumers.map((c) => c.close()));
  }

  /** Counters since start. */
  status(): ProjectorConsumerStats {
    return this.stats;
  }

  private async handle(batch: MessageBatch, consumer: BusConsumer): Promise<void> {
    if (batch.messages.length === 0) return;
    const events: RecordedEvent[] = [];
    let deadLetters = 0;
    for (const message of batch.messages) {
      const event = this.decode(message);
      if (event !== undefined) events.push(event);
      else { await this.deadLetter(message); deadLetters += 1; }
    }
    await this.coalescer.submit(events);
    const last = batch.messages[batch.messages.length - 1];
    await consumer.commit([{ topic: batch.topic, partition: batch.partition, offset: last.offset }]);
    this.stats = {
      batches: this.stats.batches + 1,
      messages: this.stats.messages + batch.messages.length,
      deadLetters: this.stats.deadLetters + deadLetters,
    };
  }

  private decode(message: BusMessage): RecordedEvent | undefined {
    try {
      return fromEventMessage(message);
    } catch (e) {
      this.options.onError?.(e);
      return undefined;
    }
  }

  private async deadLetter(message: BusMessage): Promise<void> {
    const reason = `Message ${message.topic}[${message.partition}]@${message.offset} is not an Ordo event message.`;
    await publishDeadLetter(this.options.bus, message,
      { code: NOT_AN_EVENT, reason, consumer: this.options.groupId ?? PROJECTOR_GROUP }, (this.options.now ?? Date.now)());
  }
}
