import { BusError, assertTopicName, type BusMessage, type OutgoingMessage, type PublishReceipt } from '@ordo/runtime';
import { partitionForKey } from './murmur2';

/** One partition's log: offsets are `base + index`; the oldest messages go once `retention` is exceeded. */
export class PartitionLog {
  private base = 0;
  private readonly messages: BusMessage[] = [];

  constructor(readonly topic: string, readonly partition: number, private readonly retention: number) {}

  /** The offset the next appended message gets. */
  get end(): number {
    return this.base + this.messages.length;
  }

  /** The oldest offset still held. */
  get start(): number {
    return this.base;
  }

  append(message: OutgoingMessage, timestamp: number): number {
    const offset = this.end;
    this.messages.push({
      topic: this.topic,
      partition: this.partition,
      offset: String(offset),
      key: message.key ?? null,
      value: Buffer.from(typeof message.value === 'string' ? Buffer.from(message.value, 'utf8') : message.value),
      headers: { ...(message.headers ?? {}) },
      timestamp,
    });
    if (this.messages.length > this.retention) {
      this.messages.shift();
      this.base += 1;
    }
    return offset;
  }

  /** Up to `max` messages from `offset` (clamped to the oldest held). */
  read(offset: number, max: number): BusMessage[] {
    const from = Math.max(offset, this.base) - this.base;
    return this.messages.slice(from, from + max);
  }
}

/** The topics of one LocalMessageBus: creation, partitioning by key hash, appends. */
export class LocalTopics {
  private readonly topics = new Map<string, PartitionLog[]>();
  private readonly roundRobin = new Map<string, number>();
  private readonly listeners = new Set<(topic: string) => void>();

  constructor(private readonly defaultPartitions: number, private readonly retention: number) {}

  /** Creates `topic` unless it exists; returns whether it was created. */
  create(topic: string, partitions = this.defaultPartitions): boolean {
    assertTopicName(topic);
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new BusError('BUS.INVALID', `Topic "${topic}" needs a positive whole number of partitions, got ${partitions}.`, false, { topic });
    }
    if (this.topics.has(topic)) return false;
    this.topics.set(topic, Array.from({ length: partitions }, (_, p) => new PartitionLog(topic, p, this.retention)));
    return true;
  }

  /** The partition logs of `topic`, creating it with the default partition count when missing. */
  logs(topic: string): PartitionLog[] {
    this.create(topic);
    return this.topics.get(topic) as PartitionLog[];
  }

  partitionCount(topic: string): number | undefined {
    return this.topics.get(topic)?.length;
  }

  names(): string[] {
    return [...this.topics.keys()].sort();
  }

  delete(topic: string): void {
    this.topics.delete(topic);
  }

  /** Appends in array order; per-key order holds because one key always maps to one partition. */
  append(topic: string, messages: readonly OutgoingMessage[]): PublishReceipt[] {
    const logs = this.logs(topic);
    const now = Date.now();
    const receipts = messages.map((m) => {
      const log = logs[this.partitionOf(topic, m.key ?? null, logs.length)];
      return { topic, partition: log.partition, baseOffset: String(log.append(m, now)) };
    });
    for (const listener of this.listeners) listener(topic);
    return receipts;
  }

  /** Registers a callback told about every append (consumers wake up on it). */
  onAppend(listener: (topic: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private partitionOf(topic: string, key: string | null, partitions: number): number {
    if (key !== null) return partitionForKey(key, partitions);
    const next = this.roundRobin.get(topic) ?? 0;
    this.roundRobin.set(topic, next + 1);
    return next % partitions;
  }
}
