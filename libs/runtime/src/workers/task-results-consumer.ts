import type { Clock } from '../ports/clock';
import { processInOrder } from '../triggers/process-in-order';
import { silentLogger, type Logger } from '../ports/logger';
import type { BusConsumer, BusMessage, MessageBus } from '../ports/message-bus';
import type { TaskReporter } from '../ports/task-runner';
import { SystemClock } from '../clock/system-clock';
import { isRuntimeError } from '../errors';
import { ordoTopicSpecs, TASK_RESULTS_TOPIC } from '../topics';
import { publishDeadLetter } from '../triggers/dead-letters';
import type { TriggerErrorCode } from '../triggers/trigger-errors';
import { parseTaskResult, type TaskResultMessage } from './task-messages';

export interface TaskResultsConsumerOptions {
  readonly bus: MessageBus;
  /** The engine's report API. */
  readonly reporter: TaskReporter;
  /** Default `ordo.task-results`. */
  readonly groupId?: string;
  /** Default `ordo.task-results.v1`. */
  readonly topic?: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** What the consumer did so far. */
export interface TaskResultStats {
  applied: number;
  /** Reports for a task that already had its result (a redelivered or repeated report). */
  duplicates: number;
  deadLettered: number;
}

type Outcome = 'applied' | 'duplicate' | { code: TriggerErrorCode; reason: string };

/** The core's rejection of a report for a task that already has its result. */
const ALREADY_REPORTED = 'CORE.TASK_ALREADY_REPORTED';

/**
 * Applies worker reports from `ordo.task-results.v1` through the engine's report API (the same
 * path as the GraphQL mutations). Malformed messages, forged tokens and reports the engine
 * rejects go to `ordo.dlq.v1` with the reason; a repeated report of the same result is dropped.
 * Offsets are committed after the report was recorded or the dead letter acknowledged.
 */
export class TaskResultsConsumer {
  readonly stats: TaskResultStats = { applied: 0, duplicates: 0, deadLettered: 0 };
  private readonly clock: Clock;
  private readonly logger: Logger;
  private consumer?: BusConsumer;

  constructor(private readonly options: TaskResultsConsumerOptions) {
    this.clock = options.clock ?? new SystemClock();
    this.logger = options.logger ?? silentLogger;
  }

  /** Creates the results topic when it is missing, joins the group and starts applying reports. */
  async start(): Promise<void> {
    const topic = this.options.topic ?? TASK_RESULTS_TOPIC;
    await this.options.bus.admin.createTopics([ordoTopicSpecs().find((t) => t.name === topic) ?? { name: topic }]);
    this.consumer = await this.options.bus.consume(
      {
        groupId: this.options.groupId ?? 'ordo.task-results', topics: [topic], fromBeginning: true,
        onError: (error, batch) => this.logger.warn('task-results batch failed; it will be redelivered', { partition: batch?.partition, error: String(error) }),
      },
      (batch, consumer) => processInOrder(batch, consumer, (message) => this.handleMessage(message)),
    );
  }

  async close(): Promise<void> {
    await this.consumer?.close();
    this.consumer = undefined;
  }

  private async handleMessage(message: BusMessage): Promise<void> {
    const outcome = await this.outcomeOf(message);
    if (outcome === 'applied') this.stats.applied++;
    else if (outcome === 'duplicate') this.stats.duplicates++;
    else {
      await publishDeadLetter(this.options.bus, message, { ...outcome, consumer: 'task-results' }, this.clock.now());
      this.stats.deadLettered++;
      this.logger.warn('task result sent to the DLQ', { code: outcome.code, reason: outcome.reason });
    }
  }

  private async outcomeOf(message: BusMessage): Promise<Outcome> {
    const at = `${message.topic}/${message.partition}/${message.offset}`;
    const parsed = parseTaskResult(message.value.toString('utf8'));
    if (!parsed.ok) return { code: 'TASK_RESULT.MALFORMED', reason: `Task result ${at} is malformed: ${parsed.problem}.` };
    try {
      await this.apply(parsed.result);
      return 'applied';
    } catch (error) {
      return rejection(error, at);
    }
  }

  private apply(result: TaskResultMessage): Promise<number> {
    const { reporter } = this.options;
    switch (result.status) {
      case 'succeeded': return reporter.reportTaskSucceeded(result.taskToken, result.output ?? {});
      case 'failed': return reporter.reportTaskFailed(result.taskToken, result.error, result.cause);
      case 'heartbeat': return reporter.reportTaskHeartbeat(result.taskToken);
    }
  }
}

/** Maps a report error to a DLQ reason; errors that may pass are rethrown (the batch is redelivered). */
function rejection(error: unknown, at: string): Outcome {
  if (isRuntimeError(error, 'RUNTIME.INVALID_TOKEN')) return { code: 'TASK_RESULT.INVALID_TOKEN', reason: `Task result ${at}: ${error.message}` };
  if (isRuntimeError(error, 'RUNTIME.TOKEN_REJECTED')) {
    if (error.details.coreCode === ALREADY_REPORTED) return 'duplicate';
    return { code: 'TASK_RESULT.REJECTED', reason: `Task result ${at} was rejected: ${error.message}` };
  }
  if (isRuntimeError(error, 'RUNTIME.INVALID_OUTPUT') || isRuntimeError(error, 'RUNTIME.PAYLOAD_TOO_LARGE') || isRuntimeError(error, 'RUNTIME.INVALID_ARGUMENT')) {
    return { code: 'TASK_RESULT.INVALID_OUTPUT', reason: `Task result ${at}: ${error.message}` };
  }
  throw error;
}
