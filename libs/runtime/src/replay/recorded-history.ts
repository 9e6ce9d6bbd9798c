import type { ExecutionEvent } from '@ordo/core';
import { decodeExecutionEvent } from '../engine/event-codec';
import type { EventStore, RecordedEvent } from '../ports/event-store';
import { executionStream } from '../streams';

const READ_PAGE = 1000;

/** One recorded execution event with its audit-trail id and the command metadata stored with it. */
export interface RecordedExecutionEvent {
  /** 1-based (`revision + 1`), as Alibaba's `EventId`. */
  readonly eventId: number;
  readonly event: ExecutionEvent;
  /** The command type that produced the event (metadata `command`), when recorded. */
  readonly command?: string;
  /** The command's id (task id, timer id, or the execution id), when recorded. */
  readonly causationId?: string;
}

/** Decodes a stored execution event together with its id and command metadata. */
export function toRecordedExecutionEvent(recorded: RecordedEvent): RecordedExecutionEvent {
  const { command, causationId } = recorded.metadata as { command?: unknown; causationId?: unknown };
  return {
    eventId: recorded.revision + 1,
    event: decodeExecutionEvent(recorded),
    command: typeof command === 'string' ? command : undefined,
    causationId: typeof causationId === 'string' ? causationId : undefined,
  };
}

/**
 * Reads the events of one execution with revisions `fromRevision..toRevision` (inclusive; to the
 * end when `toRevision` is absent), in order, one page at a time.
 */
export async function readExecutionEvents(
  store: EventStore, executionId: string, fromRevision = 0, toRevision = Number.MAX_SAFE_INTEGER,
): Promise<RecordedEvent[]> {
  const stream = executionStream(executionId);
  const out: RecordedEvent[] = [];
  for (let next = fromRevision; next <= toRevision;) {
    const limit = Math.min(READ_PAGE, toRevision - next + 1);
    const page = await store.readStream(stream, next, limit);
    out.push(...page);
    if (page.length < limit) break;
    next += page.length;
  }
  return out;
}

/** The revision of the newest event of an execution, or -1 when it has none. */
export async function lastExecutionRevision(store: EventStore, executionId: string): Promise<number> {
  const [last] = await store.readStreamBackwards(executionStream(executionId), undefined, 1);
  return last === undefined ? -1 : last.revision;
}
