import { silentLogger, type Logger } from '../ports/logger';
import type { BusConsumer, BusMessage, MessageBatch, MessageBus } from '../ports/message-bus';
import { errorOf } from '../runners/error-of';
import { TASK_RESULTS_TOPIC } from '../topics';
import { publishDeadLetter } from '../triggers/dead-letters';
import { parseTaskMessage, type KafkaTaskMessage, type TaskResultMessage } from './task-messages';

/** Thrown by a handler to fail the task with a chosen error name (matched by the step's retry/catch). */
export class TaskFailure extends Error {
  constructor(readonly error: string, readonly causeText = '') {
    super(causeText || error);
    this.name = 'TaskFailure';
  }
}

/** What a handler can do besides returning: tell Ordo it is still working. */
export interface KafkaTaskContext {
  /** Publishes a heartbeat for the task (for steps with a heartbeat timeout). */
  heartbeat(): Promise<void>;
  /** The consumed message (topic, partition, offset, headers). */
  readonly message: BusMessage;
}

/** Does the work of one task; the returned object is the task's output. Throw to fail it. */
export type KafkaTaskHandler = (task: KafkaTaskMessage, context: KafkaTaskContext) => Promise<unknown> | unknown;

export interface KafkaWorkerOptions {
  readonly bus: MessageBus;
  /** The task topic (`TOPIC` of the `kafka:TOPIC` resource). */
  readonly topic: string;
  readonly groupId: string;
  readonly handler: KafkaTaskHandler;
  /** Where reports go; default `ordo.task-results.v1`. */
  readonly resultsTopic?: string;
  /** Default true: a new group also handles tasks published before it joined. */
  readonly fromBeginning?: boolean;
  readonly logger?: Logger;
}

/** A running worker. */
export interface KafkaWorker {
  readonly stats: { handled: number; succeeded: number; failed: number; deadLettered: number };
  close(): Promise<void>;
}

/**
 * Consumes task messages from a `kafka:` task topic (created when missing), runs `handler` on each, one at a time per
 * partition, and publishes the report to `ordo.task-results.v1` (not for `requestResponse`
 * tasks, whose step already went on). The offset is committed after the report was
 * acknowledged, so a crash re-runs the task: handlers should be idempotent on `task.taskId`.
 */
export async function runKafkaWorker(options: KafkaWorkerOptions): Promise<KafkaWorker> {
  const stats = { handled: 0, succeeded: 0, failed: 0, deadLettered: 0 };
  const logger = options.logger ?? silentLogger;
  const resultsTopic = options.resultsTopic ?? TASK_RESULTS_TOPIC;
  const report = (message: BusMessage, result: TaskResultMessage): Promise<unknown> =>
    options.bus.publish(resultsTopic, { key: message.key, value: JSON.stringify(result) });

  const handleMessage = async (message: BusMessage): Promise<void> => {
    const parsed = parseTaskMessage(message.value.toString('utf8'));
    if (!parsed.ok) {
      const reason = `Task message ${message.topic}/${message.partition}/${message.offset} is malformed: ${parsed.problem}.`;
      await publishDeadLetter(options.bus, message, { code: 'WORKER.MALFORMED_TASK', reason, consumer: `worker:${options.groupId}` }, Date.now());
      stats.deadLettered++;
      return;
    }
    const { task } = parsed;
    const context: KafkaTaskContext = { message, heartbeat: async () => { await report(message, { taskToken: task.taskToken, status: 'heartbeat' }); } };
    const result = await runHandler(options.handler, task, context);
    stats.handled++;
    if (result.status === 'succeeded') stats.succeeded++;
    else if (result.status === 'failed') stats.failed++;
    if (task.pattern !== 'requestResponse') await report(message, result);
    else if (result.status === 'failed') logger.warn('requestResponse task failed in the worker; the step already continued', { taskId: task.taskId, error: result.error });
  };

  await options.bus.admin.createTopics([{ name: options.topic }]);
  const consumer: BusConsumer = await options.bus.consume(
    {
      groupId: options.groupId, topics: [options.topic], fromBeginning: options.fromBeginning ?? true,
      onError: (error) => logger.warn('worker batch failed; it will be redelivered', { topic: options.topic, error: String(error) }),
    },
    async (batch: MessageBatch, c: BusConsumer) => {
      let done: BusMessage | undefined;
      try {
        for (const message of batch.messages) {
          await handleMessage(message);
          done = message;
        }
      } finally {
        if (done) await c.commit([{ topic: batch.topic, partition: batch.partition, offset: done.offset }]);
      }
    },
  );
  return { stats, close: () => consumer.close() };
}

async function runHandler(handler: KafkaTaskHandler, task: KafkaTaskMessage, context: KafkaTaskContext): Promise<TaskResultMessage> {
  try {
    const output = await handler(task, context);
    return { taskToken: task.taskToken, status: 'succeeded', output: output ?? {} };
  } catch (thrown) {
    if (thrown instanceof TaskFailure) return { taskToken: task.taskToken, status: 'failed', error: thrown.error, cause: thrown.causeText };
    const { error, cause } = errorOf(thrown);
    return { taskToken: task.taskToken, status: 'failed', error, cause };
  }
}
