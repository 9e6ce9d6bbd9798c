import {
  BusError,
  type BatchHandler,
  type BusConsumer,
  type ConsumeOptions,
  type MessageBus,
  type OutgoingMessage,
  type PublishReceipt,
  type TopicAdmin,
  type TopicSpec,
} from '@ordo/runtime';
import { LocalConsumer } from './local-consumer';
import { LocalGroup } from './local-group';
import { LocalTopics } from './local-topics';

export interface LocalBrokerOptions {
  /** Partitions of topics created implicitly by publish/consume (Kafka's `num.partitions`); default 1. */
  readonly defaultPartitions?: number;
  /** Messages kept per partition before the oldest are dropped; default 1,000,000. */
  readonly retentionPerPartition?: number;
}

/**
 * The in-process "broker": topics, logs and consumer groups. Several `LocalMessageBus` handles may
 * share one, as several Kafka clients share one cluster (tests use this to simulate restarts).
 */
export class LocalBroker {
  readonly topics: LocalTopics;
  private readonly groups = new Map<string, LocalGroup>();

  constructor(options: LocalBrokerOptions = {}) {
    this.topics = new LocalTopics(options.defaultPartitions ?? 1, options.retentionPerPartition ?? 1_000_000);
  }

  group(groupId: string): LocalGroup {
    let group = this.groups.get(groupId);
    if (!group) {
      group = new LocalGroup(groupId, this.topics);
      this.groups.set(groupId, group);
    }
    return group;
  }
}

export interface LocalMessageBusOptions extends LocalBrokerOptions {
  /** Share a broker with other handles; a private one is made when absent. */
  readonly broker?: LocalBroker;
  /** Delay before a failed batch is redelivered; default 100 ms. */
  readonly retryBackoffMs?: number;
}

/** The in-process MessageBus for embedded mode and tests, with Kafka's semantics (see the port). */
export class LocalMessageBus implements MessageBus {
  readonly broker: LocalBroker;
  readonly admin: TopicAdmin;
  private readonly consumers = new Set<LocalConsumer>();
  private closed = false;

  constructor(private readonly options: LocalMessageBusOptions = {}) {
    this.broker = options.broker ?? new LocalBroker(options);
    this.admin = new LocalTopicAdmin(this.broker.topics, () => this.assertOpen('administer topics'));
  }

  async publish(topic: string, message: OutgoingMessage): Promise<PublishReceipt> {
    const [receipt] = await this.publishBatch(topic, [message]);
    return receipt;
  }

  async publishBatch(topic: string, messages: readonly OutgoingMessage[]): Promise<PublishReceipt[]> {
    this.assertOpen(`publish to "${topic}"`);
    return this.broker.topics.append(topic, messages);
  }

  async consume(options: ConsumeOptions, handler: BatchHandler): Promise<BusConsumer> {
    this.assertOpen(`consume as group "${options.groupId}"`);
    if (options.topics.length === 0) throw new BusError('BUS.INVALID', `Consumer group "${options.groupId}" must subscribe to at least one topic.`, false, { groupId: options.groupId });
    for (const topic of options.topics) this.broker.topics.logs(topic);
    const group = this.broker.group(options.groupId);
    const consumer = new LocalConsumer(options, handler, group, this.broker.topics, this.options.retryBackoffMs ?? 100,
      (c) => this.consumers.delete(c));
    this.consumers.add(consumer);
    await group.join(consumer);
    return consumer;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.close()));
  }

  private assertOpen(action: string): void {
    if (this.closed) throw new BusError('BUS.CLOSED', `The local message bus is closed; cannot ${action}.`);
  }
}

class LocalTopicAdmin implements TopicAdmin {
  constructor(private readonly topics: LocalTopics, private readonly assertOpen: () => void) {}

  async createTopics(specs: readonly TopicSpec[]): Promise<void> {
    this.assertOpen();
    for (const spec of specs) this.topics.create(spec.name, spec.partitions ?? 1);
  }

  async partitionCount(topic: string): Promise<number | undefined> {
    this.assertOpen();
    return this.topics.partitionCount(topic);
  }

  async listTopics(): Promise<string[]> {
    this.assertOpen();
    return this.topics.names();
  }

  async deleteTopics(topics: readonly string[]): Promise<void> {
    this.assertOpen();
    for (const topic of topics) this.topics.delete(topic);
  }
}
