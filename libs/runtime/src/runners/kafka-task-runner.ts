import { RuntimeError } from '../errors';
import { assertTopicName, type MessageBus } from '../ports/message-bus';
import type { TaskOutcome, TaskRequest, TaskRunContext, TaskRunner } from '../ports/task-runner';
import { TASK_RESULTS_TOPIC } from '../topics';
import { TASK_HEADERS, type KafkaTaskMessage } from '../workers/task-messages';
import { truncate } from './error-of';

const PREFIX = 'kafka:';

/** The topic of a `kafka:TOPIC` target (the resource map turns `acs:mns:::/queues|topics/…` into one). */
export function kafkaTopicOf(target: string): string {
  if (!target.startsWith(PREFIX)) throw new RuntimeError('RUNTIME.INVALID_CONFIG', `Target ${target} is not a kafka:TOPIC target.`, { target });
  const topic = target.slice(PREFIX.length);
  try {
    assertTopicName(topic);
  } catch (e) {
    throw new RuntimeError('RUNTIME.INVALID_CONFIG', `Target ${target} names an invalid Kafka topic: ${(e as Error).message}`, { target });
  }
  return topic;
}

/**
 * Runs `kafka:TOPIC` tasks: publishes a `KafkaTaskMessage` (key = execution id) and waits for the
 * broker's acknowledgement. `requestResponse` then succeeds with `{topic, partition, offset}`;
 * `waitForCallback` records the submission and `sync` stays open, both until a worker reports
 * (on `ordo.task-results.v1` or through the API). A failed publish fails the attempt with
 * `Kafka.PublishFailed`, so the step's retry policy applies.
 */
export class KafkaTaskRunner implements TaskRunner {
  constructor(private readonly bus: MessageBus) {}

  async run(request: TaskRequest, context: TaskRunContext): Promise<TaskOutcome> {
    const topic = kafkaTopicOf(request.target);
    const message: KafkaTaskMessage = {
      taskToken: request.token, taskId: request.taskId, input: request.input, flowName: request.flowName,
      executionName: request.executionName, stepName: request.stepName, path: request.path, attempt: request.attempt,
      pattern: request.pattern, ...(request.timeoutAt !== undefined ? { timeoutAt: new Date(request.timeoutAt).toISOString() } : {}),
    };
    let receipt;
    try {
      receipt = await this.bus.publish(topic, {
        key: request.executionId, value: JSON.stringify(message),
        headers: {
          [TASK_HEADERS.taskId]: request.taskId, [TASK_HEADERS.attempt]: String(request.attempt),
          [TASK_HEADERS.pattern]: request.pattern, [TASK_HEADERS.replyTo]: TASK_RESULTS_TOPIC,
        },
      });
    } catch (e) {
      if (context.signal.aborted) return { kind: 'none' };
      return { kind: 'failed', error: 'Kafka.PublishFailed', cause: truncate(`Publishing task ${request.taskId} to ${topic} failed: ${(e as Error).message ?? String(e)}`) };
    }
    if (request.pattern === 'requestResponse') {
      return { kind: 'succeeded', output: { topic: receipt.topic, partition: receipt.partition, offset: receipt.baseOffset } };
    }
    return { kind: 'submitted' };
  }
}
