import {
  BusError,
  type BatchHandler,
  type BusConsumer,
  type ConsumeOptions,
  type MessageBatch,
  type ProcessedPosition,
  type TopicPartition,
  type TopicPartitionsRef,
} from '@ordo/runtime';
import { tpKey, type GroupMember, type LocalGroup } from './local-group';
import type { LocalTopics } from './local-topics';

let memberSeq = 0;

/** One member of a local consumer group: delivers batches of one partition at a time, in order. */
export class LocalConsumer implements BusConsumer, GroupMember {
  readonly memberId = `local-member-${++memberSeq}`;
  readonly topics: readonly string[];
  private owned: TopicPartition[] = [];
  private readonly positions = new Map<string, number>();
  private readonly pausedTopics = new Set<string>();
  private readonly pausedPartitions = new Set<string>();
  private inFlight: Promise<void> | undefined;
  private pumping = false;
  private closed = false;
  private cursor = 0;
  private readonly backingOff = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly unlisten: () => void;

  constructor(
    private readonly options: ConsumeOptions,
    private readonly handler: BatchHandler,
    private readonly group: LocalGroup,
    private readonly logs: LocalTopics,
    private readonly retryBackoffMs: number,
    private readonly onClosed: (consumer: LocalConsumer) => void,
  ) {
    this.topics = [...new Set(options.topics)];
    this.unlisten = logs.onAppend((topic) => { if (this.topics.includes(topic)) this.wake(); });
  }

  async commit(positions: readonly ProcessedPosition[]): Promise<void> {
    if (this.closed) throw new BusError('BUS.CLOSED', `Consumer of group "${this.options.groupId}" is closed; it cannot commit.`, false, { groupId: this.options.groupId });
    for (const p of positions) {
      const offset = Number(p.offset);
      if (!Number.isSafeInteger(offset) || offset < 0) {
        throw new BusError('BUS.INVALID', `Offset "${p.offset}" for ${p.topic}[${p.partition}] is not a non-negative integer.`, false, p);
      }
      if (!this.positions.has(tpKey(p.topic, p.partition))) {
        throw new BusError('BUS.REBALANCE_IN_PROGRESS', `Group "${this.options.groupId}" member no longer owns ${p.topic}[${p.partition}]; commit refused.`, false, { ...p, groupId: this.options.groupId });
      }
    }
    for (const p of positions) this.group.committed.set(tpKey(p.topic, p.partition), Number(p.offset) + 1);
  }

  pause(targets?: readonly TopicPartitionsRef[]): void {
    for (const t of targets ?? this.allTopics()) {
      if (t.partitions === undefined) this.pausedTopics.add(t.topic);
      else for (const p of t.partitions) this.pausedPartitions.add(tpKey(t.topic, p));
    }
  }

  resume(targets?: readonly TopicPartitionsRef[]): void {
    for (const t of targets ?? this.allTopics()) {
      if (t.partitions === undefined) {
        this.pausedTopics.delete(t.topic);
        for (const key of [...this.pausedPartitions]) if (key.startsWith(`${t.topic}\u0000`)) this.pausedPartitions.delete(key);
        continue;
      }
      if (this.pausedTopics.delete(t.topic)) {
        for (let p = 0; p < (this.logs.partitionCount(t.topic) ?? 0); p++) this.pausedPartitions.add(tpKey(t.topic, p));
      }
      for (const p of t.partitions) this.pausedPartitions.delete(tpKey(t.topic, p));
    }
    this.wake();
  }

  private allTopics(): TopicPartitionsRef[] {
    return this.topics.map((topic) => ({ topic }));
  }

  assignment(): readonly TopicPartition[] {
    return [...this.owned];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.unlisten();
    await this.idle();
    this.onClosed(this);
    await this.group.leave(this);
  }

  idle(): Promise<void> {
    return this.inFlight ?? Promise.resolve();
  }

  async applyAssignment(partitions: readonly TopicPartition[]): Promise<void> {
    const next = new Set(partitions.map((p) => tpKey(p.topic, p.partition)));
    const revoked = this.owned.filter((p) => !next.has(tpKey(p.topic, p.partition)));
    const assigned = partitions.filter((p) => !this.positions.has(tpKey(p.topic, p.partition)));
    for (const p of revoked) this.positions.delete(tpKey(p.topic, p.partition));
    for (const p of assigned) this.positions.set(tpKey(p.topic, p.partition), this.startOffset(p));
    this.owned = [...partitions];
    if (this.options.onRebalance && !this.closed && (assigned.length > 0 || revoked.length > 0)) {
      await this.options.onRebalance({ assigned, revoked, current: this.assignment() });
    }
  }

  wake(): void {
    if (this.closed || this.pumping) return;
    setImmediate(() => { void this.pump(); });
  }

  private startOffset(p: TopicPartition): number {
    const log = this.logs.logs(p.topic)[p.partition];
    const committed = this.group.committed.get(tpKey(p.topic, p.partition));
    if (committed !== undefined) return Math.max(committed, log.start);
    return this.options.fromBeginning === false ? log.end : log.start;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        if (this.closed || this.group.rebalancing) return;
        const batch = this.nextBatch();
        if (!batch) return;
        this.inFlight = this.deliver(batch);
        await this.inFlight;
        this.inFlight = undefined;
      }
    } finally {
      this.pumping = false;
    }
  }

  /** The next partition (round-robin over the assignment) that has messages and is not paused. */
  private nextBatch(): MessageBatch | undefined {
    const max = Math.max(1, this.options.maxBatchSize ?? 500);
    for (let i = 0; i < this.owned.length; i++) {
      const { topic, partition } = this.owned[(this.cursor + i) % this.owned.length];
      const key = tpKey(topic, partition);
      if (this.pausedTopics.has(topic) || this.pausedPartitions.has(key) || this.backingOff.has(key)) continue;
      const messages = this.logs.logs(topic)[partition].read(this.positions.get(key) ?? 0, max);
      if (messages.length === 0) continue;
      this.cursor = (this.cursor + i + 1) % this.owned.length;
      return { topic, partition, messages };
    }
    return undefined;
  }

  private async deliver(batch: MessageBatch): Promise<void> {
    const key = tpKey(batch.topic, batch.partition);
    try {
      await this.handler(batch, this);
      if (this.positions.has(key)) this.positions.set(key, Number(batch.messages[batch.messages.length - 1].offset) + 1);
    } catch (e) {
      this.options.onError?.(e, batch);
      if (this.positions.has(key)) this.positions.set(key, Number(batch.messages[0].offset));
      this.backingOff.add(key);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.backingOff.delete(key);
        this.wake();
      }, this.retryBackoffMs);
      this.timers.add(timer);
    }
  }
}
