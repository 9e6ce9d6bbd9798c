import { Kafka, logLevel as KafkaLogLevel, type Producer, type logCreator } from 'kafkajs';
import {
  BusError,
  assertTopicName,
  type BatchHandler,
  type BusConsumer,
  type ConsumeOptions,
  type MessageBus,
  type OutgoingMessage,
  type PublishReceipt,
} from '@ordo/runtime';
import { KafkaTopicAdmin } from './kafka-admin';
import { KafkaBusConsumer } from './kafka-consumer';
import { toBusError } from './kafka-errors';
import { KafkaPartitioner, receiptsFor } from './kafka-partitioner';

export interface KafkaMessageBusOptions {
  /** Bootstrap brokers, e.g. `['127.0.0.1:19092']` (ORDO_KAFKA_BROKERS, comma-separated). */
  readonly brokers: readonly string[];
  readonly clientId?: string;
  /** Replication factor for topics created through the admin; default 1 (a single broker). */
  readonly replicationFactor?: number;
  /** Consumer heartbeat period; short so rebalances settle fast. Default 500 ms. */
  readonly heartbeatIntervalMs?: number;
  /** Default 10,000 ms: a member that dies is replaced after this long. */
  readonly sessionTimeoutMs?: number;
  /** Longest a fetch waits for data; bounds how fast pause/resume/close take effect. Default 250 ms. */
  readonly maxWaitTimeMs?: number;
  /** Delay before a failed batch is redelivered. Default 200 ms. */
  readonly retryBackoffMs?: number;
  /** How long `consume` waits for the group join. Default 60,000 ms. */
  readonly joinTimeoutMs?: number;
  /** Receives kafkajs's log lines (warnings and errors); silent when absent. */
  readonly log?: (level: 'error' | 'warn' | 'info', message: string, extra: Record<string, unknown>) => void;
}

function logCreatorFor(log: KafkaMessageBusOptions['log']): logCreator {
  return () => ({ level, log: entry }) => {
    if (!log) return;
    const { message, ...extra } = entry;
    const name = level <= KafkaLogLevel.ERROR ? 'error' : level === KafkaLogLevel.WARN ? 'warn' : 'info';
    log(name, String(message), extra);
  };
}

/** Parses ORDO_KAFKA_BROKERS-style text (`host:port,host:port`) into a broker list. */
export function parseBrokers(text: string): string[] {
  const brokers = text.split(',').map((b) => b.trim()).filter((b) => b.length > 0);
  if (brokers.length === 0 || brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))) {
    throw new BusError('BUS.INVALID', `Broker list "${text}" is invalid: expected host:port[,host:port…].`);
  }
  return brokers;
}

/**
 * The MessageBus on Apache Kafka (kafkajs). Publishes with an idempotent producer and acks=all
 * (one in-flight request, so per-key order survives retries); consumes in consumer groups with
 * manual commits; closes gracefully (members leave their groups).
 */
export class KafkaMessageBus implements MessageBus {
  readonly admin: KafkaTopicAdmin;
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private producerReady: Promise<void> | undefined;
  private readonly consumers = new Set<KafkaBusConsumer>();
  private readonly partitioner: KafkaPartitioner;
  private closed = false;

  constructor(private readonly options: KafkaMessageBusOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'ordo',
      brokers: [...options.brokers],
      logLevel: options.log ? KafkaLogLevel.WARN : KafkaLogLevel.NOTHING,
      logCreator: logCreatorFor(options.log),
      retry: { initialRetryTime: 100, retries: 8 },
    });
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
    this.admin = new KafkaTopicAdmin(this.kafka.admin(), options.replicationFactor ?? 1, (action) => this.assertOpen(action));
    this.partitioner = new KafkaPartitioner(this.admin);
  }

  async publish(topic: string, message: OutgoingMessage): Promise<PublishReceipt> {
    const [receipt] = await this.publishBatch(topic, [message]);
    return receipt;
  }

  async publishBatch(topic: string, messages: readonly OutgoingMessage[]): Promise<PublishReceipt[]> {
    assertTopicName(topic);
    this.assertOpen(`publish to "${topic}"`);
    if (messages.length === 0) return [];
    await this.connectProducer();
    const partitions = await this.partitioner.partitionsFor(topic, messages);
    try {
      const metadata = await this.producer.send({
        topic,
        acks: -1,
        messages: messages.map((m, i) => ({
          key: m.key ?? null,
          value: typeof m.value === 'string' ? m.value : Buffer.from(m.value),
          headers: m.headers ? { ...m.headers } : undefined,
          partition: partitions[i],
        })),
      });
      return receiptsFor(topic, partitions, new Map(metadata.map((r) => [r.partition, r.baseOffset ?? '-1'])));
    } catch (e) {
      this.partitioner.forget(topic);
      throw toBusError(e, `publish ${messages.length} message(s) to "${topic}"`, { topic });
    }
  }

  async consume(options: ConsumeOptions, handler: BatchHandler): Promise<BusConsumer> {
    this.assertOpen(`consume as group "${options.groupId}"`);
    if (options.topics.length === 0) throw new BusError('BUS.INVALID', `Consumer group "${options.groupId}" must subscribe to at least one topic.`, false, { groupId: options.groupId });
    for (const topic of options.topics) assertTopicName(topic);
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 500,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      rebalanceTimeout: 30_000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 250,
      allowAutoTopicCreation: true,
      retry: { initialRetryTime: 100, retries: 8 },
    });
    const member = new KafkaBusConsumer(consumer, options, handler, this.options.retryBackoffMs ?? 200, (c) => this.consumers.delete(c));
    this.consumers.add(member);
    try {
      await member.start(this.options.joinTimeoutMs ?? 60_000);
    } catch (e) {
      await member.close();
      throw toBusError(e, `join consumer group "${options.groupId}"`, { groupId: options.groupId });
    }
    return member;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.close()));
    if (this.producerReady) await this.producer.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }

  private async connectProducer(): Promise<void> {
    this.producerReady ??= this.producer.connect();
    try {
      await this.producerReady;
    } catch (e) {
      this.producerReady = undefined;
      throw toBusError(e, 'connect the producer');
    }
  }

  private assertOpen(action: string): void {
    if (this.closed) throw new BusError('BUS.CLOSED', `The Kafka message bus is closed; cannot ${action}.`);
  }
}
