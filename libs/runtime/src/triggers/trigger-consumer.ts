import type { Clock } from '../ports/clock';
import { processInOrder } from './process-in-order';
import { silentLogger, type Logger } from '../ports/logger';
import type { BusConsumer, BusMessage, MessageBus } from '../ports/message-bus';
import { SystemClock } from '../clock/system-clock';
import type { ExecutionDescription } from '../engine/execution-description';
import { isRuntimeError } from '../errors';
import { publishDeadLetter } from './dead-letters';
import type { ExecutionStarter } from './execution-starter';
import { compileKafkaTrigger, type CompiledKafkaTrigger, type KafkaTriggerConfig } from './kafka-trigger';
import { decideTriggerMessage, type TriggeredStart } from './trigger-decision';
import type { TriggerErrorCode } from './trigger-errors';

/** What a trigger consumer did so far (observable in tests and metrics). */
export interface TriggerStats {
  /** Start requests the engine accepted (a redelivery while the execution still runs counts again). */
  started: number;
  /** Redeliveries and re-produced messages whose execution already existed from this topic. */
  duplicates: number;
  /** Messages whose `when` condition was false. */
  skipped: number;
  deadLettered: number;
}

export interface TriggerConsumerOptions {
  readonly bus: MessageBus;
  readonly starter: ExecutionStarter;
  readonly trigger: KafkaTriggerConfig;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

type Outcome = { kind: 'started' | 'duplicate' | 'skipped' } | { kind: 'reject'; code: TriggerErrorCode; reason: string };

/**
 * Starts executions from a Kafka topic (consumer group `ordo.trigger.<name>` by default), exactly
 * once per message: the execution name is a function of the message, so a redelivered message
 * finds its execution and starts nothing. Poison messages go to `ordo.dlq.v1`; each message's
 * offset is committed only after its start or its dead letter was acknowledged. Errors that may
 * pass (store or bus unavailable) make the bus redeliver from the first unprocessed message.
 */
export class TriggerConsumer {
  readonly stats: TriggerStats = { started: 0, duplicates: 0, skipped: 0, deadLettered: 0 };
  private readonly trigger: CompiledKafkaTrigger;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private consumer?: BusConsumer;

  constructor(private readonly options: TriggerConsumerOptions) {
    this.trigger = compileKafkaTrigger(options.trigger);
    this.clock = options.clock ?? new SystemClock();
    this.logger = options.logger ?? silentLogger;
  }

  get name(): string {
    return this.trigger.config.name;
  }

  /** Creates the topic when it is missing (one partition), joins the consumer group and starts handling messages. */
  async start(): Promise<void> {
    const { kafka } = this.trigger.config;
    await this.options.bus.admin.createTopics([{ name: kafka.topic }]);
    this.consumer = await this.options.bus.consume(
      {
        groupId: kafka.groupId, topics: [kafka.topic], fromBeginning: kafka.fromBeginning,
        onError: (error, batch) => this.logger.warn('trigger batch failed; it will be redelivered', {
          trigger: this.name, topic: batch?.topic, partition: batch?.partition, error: String(error),
        }),
      },
      (batch, consumer) => processInOrder(batch, consumer, (message) => this.handleMessage(message)),
    );
  }

  /** Leaves the group; in-flight messages finish first. */
  async close(): Promise<void> {
    await this.consumer?.close();
    this.consumer = undefined;
  }

  private async handleMessage(message: BusMessage): Promise<void> {
    const outcome = await this.outcomeOf(message);
    if (outcome.kind === 'reject') {
      await publishDeadLetter(this.options.bus, message, { code: outcome.code, reason: outcome.reason, consumer: this.name, trigger: this.name }, this.clock.now());
      this.stats.deadLettered++;
      this.logger.warn('trigger message sent to the DLQ', { trigger: this.name, code: outcome.code, reason: outcome.reason });
      return;
    }
    if (outcome.kind === 'started') this.stats.started++;
    else if (outcome.kind === 'duplicate') this.stats.duplicates++;
    else this.stats.skipped++;
  }

  private async outcomeOf(message: BusMessage): Promise<Outcome> {
    const decision = decideTriggerMessage(this.trigger, message);
    if (decision.kind === 'skip') return { kind: 'skipped' };
    if (decision.kind === 'reject') return decision;
    try {
      const described = await this.options.starter.startExecution(decision.start);
      return this.compareSource(decision.start, described, 'started');
    } catch (error) {
      return this.startFailure(decision.start, error);
    }
  }

  private async startFailure(start: TriggeredStart, error: unknown): Promise<Outcome> {
    const what = `execution ${start.executionName} of flow ${start.flowName} (message ${start.trigger.source})`;
    if (isRuntimeError(error, 'RUNTIME.EXECUTION_ALREADY_EXISTS')) {
      return this.compareSource(start, await this.options.starter.describeExecution(start.flowName, start.executionName), 'duplicate');
    }
    if (isRuntimeError(error, 'RUNTIME.FLOW_NOT_FOUND')) {
      return { kind: 'reject', code: 'TRIGGER.FLOW_NOT_FOUND', reason: `Trigger ${this.name} could not start ${what}: flow ${start.flowName} is not deployed.` };
    }
    if (isRuntimeError(error, 'RUNTIME.INVALID_NAME')) {
      return { kind: 'reject', code: 'TRIGGER.INVALID_EXECUTION_NAME', reason: `Trigger ${this.name} could not start ${what}: ${error.message}` };
    }
    if (isRuntimeError(error, 'RUNTIME.INVALID_INPUT') || isRuntimeError(error, 'RUNTIME.PAYLOAD_TOO_LARGE') || isRuntimeError(error, 'RUNTIME.INVALID_ARGUMENT')) {
      return { kind: 'reject', code: 'TRIGGER.INVALID_INPUT', reason: `Trigger ${this.name} could not start ${what}: ${error.message}` };
    }
    throw error;
  }

  /**
   * The execution with this name exists: ours (this message, or an earlier message of the same
   * topic carrying the same business key) is a duplicate; one started otherwise is a collision.
   */
  private compareSource(start: TriggeredStart, existing: ExecutionDescription, ifOurs: 'started' | 'duplicate'): Outcome {
    const source = existing.trigger?.source;
    if (existing.trigger?.kind === 'kafka' && source === start.trigger.source) return { kind: ifOurs };
    if (existing.trigger?.kind === 'kafka' && source !== undefined && sameTopic(source, start.trigger.source!)) {
      this.logger.info('trigger message deduplicated by execution name', { trigger: this.name, executionName: start.executionName, source: start.trigger.source, existing: source });
      return { kind: 'duplicate' };
    }
    return {
      kind: 'reject', code: 'TRIGGER.EXECUTION_NAME_TAKEN',
      reason: `Trigger ${this.name} could not start execution ${start.executionName} of flow ${start.flowName} for message ${start.trigger.source}: an execution of that name was already started by ${existing.trigger?.kind ?? 'an unknown source'}${source ? ` (${source})` : ''}.`,
    };
  }
}

/** Whether two `<topic>/<partition>/<offset>` sources name the same topic. */
function sameTopic(a: string, b: string): boolean {
  const topicOf = (source: string): string => source.split('/').slice(0, -2).join('/');
  return topicOf(a) === topicOf(b);
}
