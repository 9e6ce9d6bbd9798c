/**
 * The message bus port (ARCHITECTURE §1.3, §3): partitioned, keyed topics with consumer groups and
 * manual commits — Kafka's model. `KafkaMessageBus` (libs/bus-kafka) and `LocalMessageBus`
 * (libs/bus-local) implement it and pass the same contract suite (`messageBusContract`).
 */

/** Message headers: UTF-8 strings only. */
export type BusHeaders = Readonly<Record<string, string>>;

/** A message to publish. Messages with the same key land in the same partition, in publish order. */
export interface OutgoingMessage {
  /** Partitioning key (e.g. an execution id); `null`/absent spreads messages over partitions. */
  readonly key?: string | null;
  /** The payload; strings are encoded as UTF-8. */
  readonly value: string | Uint8Array;
  readonly headers?: BusHeaders;
}

/** A message as consumed. `offset` is a decimal string (Kafka offsets are 64-bit). */
export interface BusMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers: BusHeaders;
  /** Milliseconds since the epoch when the message was appended to the partition. */
  readonly timestamp: number;
}

/** Where the broker stored a published message (or the first of a run of messages in one partition). */
export interface PublishReceipt {
  readonly topic: string;
  readonly partition: number;
  readonly baseOffset: string;
}

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** Processed up to and including `offset` in one partition (what `commit` records). */
export interface ProcessedPosition extends TopicPartition {
  readonly offset: string;
}

/** The partitions of one topic to pause or resume; all of its partitions when `partitions` is absent. */
export interface TopicPartitionsRef {
  readonly topic: string;
  readonly partitions?: readonly number[];
}

/** The partitions this member owns after a rebalance, with what it gained and lost. */
export interface RebalanceEvent {
  readonly assigned: readonly TopicPartition[];
  readonly revoked: readonly TopicPartition[];
  readonly current: readonly TopicPartition[];
}

/** One delivery: consecutive messages of ONE partition, in offset order. */
export interface MessageBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly BusMessage[];
}

export interface ConsumeOptions {
  /** Consumers with the same group share the partitions; each message goes to one member. */
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Where a group with no committed offset starts: the oldest message (default) or only new ones. */
  readonly fromBeginning?: boolean;
  /** Upper bound on `messages.length` per batch (adapters may deliver fewer). */
  readonly maxBatchSize?: number;
  /** Called after every rebalance that concerns this member (the engine owns partitions this way). */
  readonly onRebalance?: (event: RebalanceEvent) => void | Promise<void>;
  /**
   * Told about handler failures (with the batch, which is then redelivered from its first message)
   * and about failures of the member itself (no batch).
   */
  readonly onError?: (error: unknown, batch?: MessageBatch) => void;
}

/**
 * Receives batches one at a time per consumer. Nothing is committed automatically: call
 * `consumer.commit` for what was processed. A rejected promise makes the adapter redeliver the same
 * batch (from its first message, at least once) after a short back-off; other partitions go on.
 * A member that leaves or dies hands its partitions over at the group's committed offsets.
 */
export type BatchHandler = (batch: MessageBatch, consumer: BusConsumer) => Promise<void>;

/** A running member of a consumer group. */
export interface BusConsumer {
  /** Records that messages up to and including each position were processed (the group resumes after them). */
  commit(positions: readonly ProcessedPosition[]): Promise<void>;
  /** Stops fetching from these topics/partitions (all subscribed topics when omitted); nothing is lost. */
  pause(targets?: readonly TopicPartitionsRef[]): void;
  /** Undoes `pause`; delivery continues where it stopped. */
  resume(targets?: readonly TopicPartitionsRef[]): void;
  /** The partitions this member owns right now. */
  assignment(): readonly TopicPartition[];
  /** Leaves the group without committing anything further; resolves once no handler call is in flight. */
  close(): Promise<void>;
}

export interface TopicSpec {
  readonly name: string;
  readonly partitions?: number;
}

/** Topic administration. */
export interface TopicAdmin {
  /** Creates the topics that do not exist yet (existing ones are left as they are). */
  createTopics(topics: readonly TopicSpec[]): Promise<void>;
  /** Number of partitions of `topic`, or `undefined` when it does not exist. */
  partitionCount(topic: string): Promise<number | undefined>;
  listTopics(): Promise<string[]>;
  /** Deletes the topics that exist. */
  deleteTopics(topics: readonly string[]): Promise<void>;
}

/** The bus: publish (acknowledged by the broker before the promise resolves), consume, administer. */
export interface MessageBus {
  publish(topic: string, message: OutgoingMessage): Promise<PublishReceipt>;
  /**
   * Publishes many messages; per-key order is the array order. Resolves once all are acknowledged,
   * with one receipt per message in the same order. A missing topic is created with one partition.
   */
  publishBatch(topic: string, messages: readonly OutgoingMessage[]): Promise<PublishReceipt[]>;
  /** Joins the group and starts delivering to `handler`; resolves once the member runs. */
  consume(options: ConsumeOptions, handler: BatchHandler): Promise<BusConsumer>;
  readonly admin: TopicAdmin;
  /** Closes every consumer and the producer; further calls reject with `BUS.CLOSED`. */
  close(): Promise<void>;
}

export type BusErrorCode =
  | 'BUS.UNAVAILABLE'
  | 'BUS.TIMEOUT'
  | 'BUS.CLOSED'
  | 'BUS.INVALID'
  | 'BUS.TOPIC_NOT_FOUND'
  | 'BUS.MESSAGE_TOO_LARGE'
  | 'BUS.REBALANCE_IN_PROGRESS'
  | 'BUS.FAILED';

/** Errors raised by MessageBus adapters; `retryable` says whether the same call may succeed later. */
export class BusError extends Error {
  constructor(
    readonly code: BusErrorCode,
    message: string,
    readonly retryable = false,
    readonly details: { topic?: string; partition?: number; groupId?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BusError';
  }
}

/** True when `e` is a BusError (with the given code, when one is given). */
export function isBusError(e: unknown, code?: BusErrorCode): e is BusError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'BusError'
    && (code === undefined || (e as { code?: unknown }).code === code);
}

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** Throws `BUS.INVALID` unless `topic` is a legal Kafka topic name (shared by all adapters). */
export function assertTopicName(topic: string): void {
  if (!TOPIC_NAME.test(topic) || topic === '.' || topic === '..') {
    throw new BusError('BUS.INVALID', `Topic name "${topic}" is invalid: use 1-249 characters from [A-Za-z0-9._-].`, false, { topic });
  }
}
