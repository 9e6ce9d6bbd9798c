import type { Engine } from '../engine/engine';
import { silentLogger, type Logger } from '../ports/logger';
import type { BusConsumer, BusMessage, MessageBatch, MessageBus, RebalanceEvent, TopicPartition } from '../ports/message-bus';
import { publishDeadLetter } from '../triggers/dead-letters';
import { decodeCommandMessage, type CommandMessage } from './command-message';
import type { PartitionOwnership } from './partition-ownership';

/** The consumer group of the engine role. */
export const ENGINE_GROUP = 'ordo.engine';

/** Options of a partitioned engine host. */
export interface PartitionedEngineHostOptions {
  readonly bus: MessageBus;
  /** An engine built with `ownership` as its `EngineOptions.ownership` (and never `start()`ed). */
  readonly engine: Engine;
  readonly ownership: PartitionOwnership;
  /** The command topic (default: the ownership's command bus topic, `ordo.commands.v1`). */
  readonly topic: string;
  /** Default `ordo.engine`. */
  readonly groupId?: string;
  readonly maxBatchSize?: number;
  readonly logger?: Logger;
}

/**
 * Runs an engine as one member of the `ordo.engine` group on the command topic (ARCHITECTURE §4).
 * It owns the partitions Kafka assigns it: on assignment it recovers their running executions
 * (timers re-armed, tasks re-dispatched) before handling their commands; on revocation it cancels
 * their timers and attempts and drops their cached states. A batch's offsets are committed only
 * after every command in it was handled (appended or decided a no-op); optimistic concurrency on
 * the execution streams stays the safety net while two members briefly overlap.
 */
export class PartitionedEngineHost {
  private consumer: BusConsumer | undefined;
  private readonly logger: Logger;
  /** Recoveries in progress by partition; a batch of that partition waits for its recovery. */
  private readonly recovering = new Map<number, Promise<void>>();

  constructor(private readonly options: PartitionedEngineHostOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Joins the group; resolves once this member runs (its first assignment may still be recovering). */
  async start(): Promise<void> {
    const { bus, topic } = this.options;
    this.consumer = await bus.consume({
      groupId: this.options.groupId ?? ENGINE_GROUP, topics: [topic], fromBeginning: true,
      maxBatchSize: this.options.maxBatchSize ?? 500,
      onRebalance: (event) => this.rebalanced(event),
      onError: (error, batch) => this.logger.warn('command batch failed; it will be redelivered', {
        error: String(error), ...(batch ? { partition: batch.partition, offset: batch.messages[0]?.offset } : {}),
      }),
    }, (batch, consumer) => this.handleBatch(batch, consumer));
  }

  /** The command-topic partitions this member owns. */
  ownedPartitions(): number[] {
    return this.options.ownership.partitions();
  }

  /** Resolves once no recovery of a newly assigned partition is in progress. */
  async whenRecovered(): Promise<void> {
    while (this.recovering.size > 0) await Promise.all(this.recovering.values());
  }

  /** Leaves the group (no further commits), then releases every owned execution. */
  async close(): Promise<void> {
    await this.consumer?.close();
    this.consumer = undefined;
    const owned = new Set(this.options.ownership.partitions());
    this.release(owned);
  }

  private async rebalanced(event: RebalanceEvent): Promise<void> {
    const mine = (list: readonly TopicPartition[]) => new Set(list.filter((p) => p.topic === this.options.topic).map((p) => p.partition));
    const revoked = mine(event.revoked);
    if (revoked.size > 0) this.release(revoked);
    const assigned = [...mine(event.assigned)].filter((p) => !this.options.ownership.ownsPartition(p));
    if (assigned.length > 0) await this.acquire(new Set(assigned));
  }

  private release(partitions: ReadonlySet<number>): void {
    const { ownership, engine } = this.options;
    ownership.remove(partitions);
    engine.releaseWhere(ownership.inPartitions(partitions));
    this.logger.info('engine released command partitions', { partitions: [...partitions], owned: ownership.partitions() });
  }

  /** Takes partitions over: owned first (new appends dispatch here), then their running executions recovered. */
  private acquire(partitions: ReadonlySet<number>): Promise<void> {
    const { ownership, engine } = this.options;
    ownership.add(partitions);
    const work = (async () => {
      const started = Date.now();
      const recovered = await engine.recoverWhere(ownership.inPartitions(partitions));
      this.logger.info('engine took over command partitions', {
        partitions: [...partitions], owned: ownership.partitions(), recoveredExecutions: recovered, durationMs: Date.now() - started,
      });
    })();
    for (const p of partitions) this.recovering.set(p, work);
    const cleanup = () => { for (const p of partitions) if (this.recovering.get(p) === work) this.recovering.delete(p); };
    work.then(cleanup, cleanup);
    return work;
  }

  private async handleBatch(batch: MessageBatch, consumer: BusConsumer): Promise<void> {
    // A delivery proves the assignment even when the rebalance callback has not run yet.
    if (!this.options.ownership.ownsPartition(batch.partition)) await this.acquire(new Set([batch.partition]));
    await this.recovering.get(batch.partition);
    const byExecution = new Map<string, BusMessage[]>();
    for (const message of batch.messages) {
      const key = message.key ?? '';
      const list = byExecution.get(key);
      if (list === undefined) byExecution.set(key, [message]);
      else list.push(message);
    }
    // One execution's commands in order; different executions concurrently (their appends share group commits).
    await Promise.all([...byExecution.values()].map(async (messages) => {
      for (const message of messages) await this.handleMessage(message);
    }));
    const last = batch.messages[batch.messages.length - 1];
    await consumer.commit([{ topic: batch.topic, partition: batch.partition, offset: last.offset }]);
  }

  private async handleMessage(message: BusMessage): Promise<void> {
    let decoded: CommandMessage;
    try {
      decoded = decodeCommandMessage(message);
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'RUNTIME.INVALID_COMMAND_MESSAGE';
      await publishDeadLetter(this.options.bus, message, { code, reason: (error as Error).message, consumer: 'engine' }, Date.now());
      return;
    }
    try {
      if (decoded.kind === 'resync') await this.options.engine.resync(decoded.executionId);
      else {
        const result = await this.options.engine.submit(decoded.executionId, decoded.command);
        if (result.rejection) this.logger.debug('command rejected', { executionId: decoded.executionId, code: result.rejection.code });
      }
    } catch (error) {
      if ((error as { retryable?: unknown }).retryable === true) throw error;
      this.logger.error('command failed and was skipped', {
        executionId: decoded.executionId, kind: decoded.kind, partition: message.partition, offset: message.offset, error: String(error),
      });
    }
  }
}
