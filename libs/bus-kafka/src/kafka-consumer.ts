import type { Consumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import {
  BusError,
  type BatchHandler,
  type BusConsumer,
  type BusHeaders,
  type BusMessage,
  type ConsumeOptions,
  type MessageBatch,
  type ProcessedPosition,
  type TopicPartition,
  type TopicPartitionsRef,
} from '@ordo/runtime';
import { toBusError } from './kafka-errors';

function toHeaders(headers: IHeaders | undefined): BusHeaders {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString('utf8');
  }
  return out;
}

function toBusMessage(topic: string, partition: number, m: KafkaMessage): BusMessage {
  return {
    topic,
    partition,
    offset: m.offset,
    key: m.key === null ? null : m.key.toString('utf8'),
    value: m.value ?? Buffer.alloc(0),
    headers: toHeaders(m.headers),
    timestamp: Number(m.timestamp),
  };
}

const key = (p: TopicPartition): string => `${p.topic}\u0000${p.partition}`;

function flatten(assignment: Record<string, number[]>): TopicPartition[] {
  return Object.entries(assignment)
    .flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition })))
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/** A consumer-group member on kafkajs with manual commits (autoCommit off) and batch delivery. */
export class KafkaBusConsumer implements BusConsumer {
  private owned: TopicPartition[] = [];
  private readonly userPaused = new Set<string>();
  private readonly userPausedTopics = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly consumer: Consumer,
    private readonly options: ConsumeOptions,
    private readonly handler: BatchHandler,
    private readonly retryBackoffMs: number,
    private readonly onClosed: (c: KafkaBusConsumer) => void,
  ) {}

  /**
   * Connects, subscribes, runs, and resolves after the first group join and the first fetch after it
   * (so start offsets, including "latest" for `fromBeginning: false`, are fixed when this resolves).
   */
  async start(joinTimeoutMs: number): Promise<void> {
    let hasJoined = false;
    const joined = new Promise<void>((resolve) => {
      this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
        void this.onJoin(e.payload.memberAssignment).finally(() => { hasJoined = true; });
      });
      this.consumer.on(this.consumer.events.FETCH, () => { if (hasJoined) resolve(); });
    });
    this.consumer.on(this.consumer.events.CRASH, (e) => {
      if (!this.closed) this.options.onError?.(toBusError(e.payload.error, `keep consumer group "${this.options.groupId}" running`, { groupId: this.options.groupId }));
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning !== false });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BusError('BUS.TIMEOUT', `Consumer group "${this.options.groupId}" did not complete a join within ${joinTimeoutMs} ms.`, true, { groupId: this.options.groupId })), joinTimeoutMs);
    });
    try {
      await Promise.race([joined, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async commit(positions: readonly ProcessedPosition[]): Promise<void> {
    if (this.closed) throw new BusError('BUS.CLOSED', `Consumer of group "${this.options.groupId}" is closed; it cannot commit.`, false, { groupId: this.options.groupId });
    const offsets = positions.map((p) => ({ topic: p.topic, partition: p.partition, offset: (BigInt(p.offset) + 1n).toString() }));
    try {
      await this.consumer.commitOffsets(offsets);
    } catch (e) {
      throw toBusError(e, `commit offsets for group "${this.options.groupId}"`, { groupId: this.options.groupId });
    }
  }

  pause(targets?: readonly TopicPartitionsRef[]): void {
    for (const t of targets ?? this.options.topics.map((topic) => ({ topic }) as TopicPartitionsRef)) {
      if (t.partitions === undefined) this.userPausedTopics.add(t.topic);
      else for (const partition of t.partitions) this.userPaused.add(key({ topic: t.topic, partition }));
      this.consumer.pause([{ topic: t.topic, partitions: t.partitions ? [...t.partitions] : undefined }]);
    }
  }

  resume(targets?: readonly TopicPartitionsRef[]): void {
    for (const t of targets ?? this.options.topics.map((topic) => ({ topic }) as TopicPartitionsRef)) {
      if (t.partitions === undefined) {
        this.userPausedTopics.delete(t.topic);
        for (const k of [...this.userPaused]) if (k.startsWith(`${t.topic}\u0000`)) this.userPaused.delete(k);
      } else {
        for (const partition of t.partitions) this.userPaused.delete(key({ topic: t.topic, partition }));
      }
      this.consumer.resume([{ topic: t.topic, partitions: t.partitions ? [...t.partitions] : undefined }]);
    }
  }

  assignment(): readonly TopicPartition[] {
    return [...this.owned];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.onClosed(this);
    await this.consumer.disconnect().catch(() => undefined);
  }

  private async onJoin(memberAssignment: Record<string, number[]>): Promise<void> {
    const current = flatten(memberAssignment);
    const before = new Set(this.owned.map(key));
    const after = new Set(current.map(key));
    const assigned = current.filter((p) => !before.has(key(p)));
    const revoked = this.owned.filter((p) => !after.has(key(p)));
    this.owned = current;
    if (this.options.onRebalance && !this.closed && (assigned.length > 0 || revoked.length > 0)) {
      try {
        await this.options.onRebalance({ assigned, revoked, current });
      } catch (e) {
        this.options.onError?.(e);
      }
    }
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const max = Math.max(1, this.options.maxBatchSize ?? 500);
    for (let i = 0; i < batch.messages.length; i += max) {
      if (!isRunning() || isStale() || this.closed) return;
      const chunk = batch.messages.slice(i, i + max);
      const delivery: MessageBatch = { topic, partition, messages: chunk.map((m) => toBusMessage(topic, partition, m)) };
      try {
        await this.handler(delivery, this);
      } catch (e) {
        this.options.onError?.(e, delivery);
        this.redeliverLater(topic, partition, chunk[0].offset);
        return;
      }
      resolveOffset(chunk[chunk.length - 1].offset);
      await heartbeat();
    }
  }

  /** Rewinds the partition to `offset` and holds it back for the back-off (unless the user paused it). */
  private redeliverLater(topic: string, partition: number, offset: string): void {
    this.consumer.pause([{ topic, partitions: [partition] }]);
    this.consumer.seek({ topic, partition, offset });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed || this.userPausedTopics.has(topic) || this.userPaused.has(key({ topic, partition }))) return;
      this.consumer.resume([{ topic, partitions: [partition] }]);
    }, this.retryBackoffMs);
    this.timers.add(timer);
  }
}
