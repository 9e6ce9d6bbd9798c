import type { RecordedEvent } from '../ports/event-store';
import type { BusMessage, OutgoingMessage } from '../ports/message-bus';
import { parseExecutionId, parseExecutionStream } from '../streams';

/** Header names on `ordo.events.v1` messages (all values are strings). */
export const EVENT_HEADERS = {
  type: 'ordo-event-type',
  eventId: 'ordo-event-id',
  executionId: 'ordo-execution-id',
  flow: 'ordo-flow',
  revision: 'ordo-revision',
  position: 'ordo-position',
  contentType: 'content-type',
} as const;

/** The JSON value of an `ordo.events.v1` message: the stored event plus its ids. */
export interface EventMessageBody {
  readonly eventId: string;
  readonly executionId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  readonly recordedAt: string;
}

/**
 * The message the relay publishes for an execution event: key = execution id (one execution's
 * events share a partition, so their order holds), JSON value, headers for routing without parsing.
 */
export function toEventMessage(event: RecordedEvent): OutgoingMessage {
  const executionId = parseExecutionStream(event.streamId);
  if (executionId === undefined) throw new Error(`Stream "${event.streamId}" is not an execution stream; only execution events go to the events topic.`);
  const eventId = typeof event.metadata.eventId === 'string' ? event.metadata.eventId : `${executionId}:${event.revision}`;
  const body: EventMessageBody = {
    eventId, executionId, streamId: event.streamId, revision: event.revision, position: event.position,
    type: event.type, data: event.data, metadata: event.metadata, recordedAt: event.recordedAt,
  };
  const flow = parseExecutionId(executionId)?.flowName;
  return {
    key: executionId,
    value: JSON.stringify(body),
    headers: {
      [EVENT_HEADERS.type]: event.type,
      [EVENT_HEADERS.eventId]: eventId,
      [EVENT_HEADERS.executionId]: executionId,
      ...(flow ? { [EVENT_HEADERS.flow]: flow } : {}),
      [EVENT_HEADERS.revision]: String(event.revision),
      [EVENT_HEADERS.position]: String(event.position),
      [EVENT_HEADERS.contentType]: 'application/json',
    },
  };
}

/** The stored event an `ordo.events.v1` message carries (projectors consuming Kafka use this). */
export function fromEventMessage(message: BusMessage): RecordedEvent {
  let body: EventMessageBody;
  try {
    body = JSON.parse(message.value.toString('utf8')) as EventMessageBody;
  } catch (e) {
    throw new Error(`Message ${message.topic}[${message.partition}]@${message.offset} is not JSON: ${(e as Error).message}`, { cause: e });
  }
  if (typeof body?.streamId !== 'string' || typeof body.revision !== 'number' || typeof body.position !== 'number' || typeof body.type !== 'string') {
    throw new Error(`Message ${message.topic}[${message.partition}]@${message.offset} is not an Ordo event (streamId, revision, position or type missing).`);
  }
  return {
    streamId: body.streamId, revision: body.revision, position: body.position, type: body.type,
    data: body.data, metadata: body.metadata ?? {}, recordedAt: body.recordedAt,
  };
}
