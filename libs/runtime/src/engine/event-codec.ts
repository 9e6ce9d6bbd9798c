import type { ExecutionCommand, ExecutionEvent } from '@ordo/core';
import type { NewEvent, RecordedEvent } from '../ports/event-store';

/** Metadata stored with every execution event (ARCHITECTURE §3). */
export interface ExecutionEventMetadata {
  /** Deterministic event id `<executionId>:<revision>`. */
  readonly eventId: string;
  /** The core's event time (ISO-8601), taken from the command. */
  readonly at: string;
  /** The command type that produced the event. */
  readonly command: string;
  /** The command's own id (task id, timer id, or the execution id for start and stop). */
  readonly causationId: string;
  /** The execution id of the root of the call chain (the parent's for child executions). */
  readonly correlationId: string;
  readonly decisionVersion: number;
}

/** Context shared by the events of one append. */
export interface EncodeContext {
  readonly executionId: string;
  readonly firstRevision: number;
  readonly command: ExecutionCommand;
  readonly correlationId: string;
  readonly decisionVersion: number;
}

/**
 * Encodes core events for the store: `data` is the core's `data` unchanged; the event time and the
 * ids go into metadata. `decodeExecutionEvent` is the inverse; read models use it too.
 */
export function encodeExecutionEvents(events: readonly ExecutionEvent[], ctx: EncodeContext): NewEvent[] {
  const causationId = causationOf(ctx.command, ctx.executionId);
  return events.map((event, i) => {
    const metadata: ExecutionEventMetadata = {
      eventId: `${ctx.executionId}:${ctx.firstRevision + i}`,
      at: event.at,
      command: ctx.command.type,
      causationId,
      correlationId: ctx.correlationId,
      decisionVersion: ctx.decisionVersion,
    };
    return { type: event.type, data: event.data, metadata: metadata as unknown as Record<string, unknown> };
  });
}

/** The core event a stored execution event holds. */
export function decodeExecutionEvent(recorded: RecordedEvent): ExecutionEvent {
  const at = typeof recorded.metadata.at === 'string' ? recorded.metadata.at : recorded.recordedAt;
  return { type: recorded.type, at, data: recorded.data } as ExecutionEvent;
}

function causationOf(command: ExecutionCommand, executionId: string): string {
  const data = command.data as { taskId?: string; timerId?: string };
  return data.taskId ?? data.timerId ?? executionId;
}
