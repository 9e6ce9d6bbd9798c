import type { BusHeaders, BusMessage, MessageBus, PublishReceipt } from '../ports/message-bus';
import { DLQ_TOPIC } from '../topics';

/** Why a consumed message could not be handled, and by whom. */
export interface DeadLetterReason {
  /** A stable dotted code (`TRIGGER.NOT_JSON`, `TASK_RESULT.INVALID_TOKEN`, …). */
  readonly code: string;
  /** One sentence naming the problem. */
  readonly reason: string;
  /** The consumer that gave up on it: a trigger name or `task-results`. */
  readonly consumer: string;
  /** The trigger's name, for trigger consumers. */
  readonly trigger?: string;
}

/**
 * The JSON value of a message on `ordo.dlq.v1`. `value` is the original value as UTF-8 text, or
 * base64 (then `valueEncoding: 'base64'`) when it is not valid UTF-8.
 */
export interface DeadLetter extends DeadLetterReason {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string;
  readonly valueEncoding?: 'base64';
  readonly failedAt: string;
}

const MAX_HEADER_REASON = 512;

/** The dead letter for `message`, as published to the DLQ. */
export function deadLetterOf(message: BusMessage, why: DeadLetterReason, now: number): DeadLetter {
  const text = message.value.toString('utf8');
  const utf8 = Buffer.from(text, 'utf8').equals(message.value);
  return {
    ...why, topic: message.topic, partition: message.partition, offset: message.offset, key: message.key,
    value: utf8 ? text : message.value.toString('base64'), ...(utf8 ? {} : { valueEncoding: 'base64' as const }),
    failedAt: new Date(now).toISOString(),
  };
}

/**
 * Publishes `message` to `ordo.dlq.v1` with the reason, keeping its key and headers and adding
 * `ordo-dlq-*` headers; resolves once the broker acknowledged (only then may the source commit).
 */
export function publishDeadLetter(bus: MessageBus, message: BusMessage, why: DeadLetterReason, now: number): Promise<PublishReceipt> {
  const headers: BusHeaders = {
    ...message.headers,
    'ordo-dlq-code': why.code,
    'ordo-dlq-reason': why.reason.slice(0, MAX_HEADER_REASON),
    'ordo-dlq-consumer': why.consumer,
    'ordo-dlq-topic': message.topic,
    'ordo-dlq-partition': String(message.partition),
    'ordo-dlq-offset': message.offset,
  };
  return bus.publish(DLQ_TOPIC, { key: message.key, value: JSON.stringify(deadLetterOf(message, why, now)), headers });
}
