import type { JsonObject } from '@ordo/core';
import type { EventStore, RecordedEvent } from '../ports/event-store';
import { RuntimeError } from '../errors';
import { executionStream } from '../streams';
import { decodeExecutionEvent } from './event-codec';

/** One execution event in Alibaba's history shape (SPEC Part B §11) plus Ordo's `path` and `attempt`. */
export interface HistoryEvent {
  /** 1, 2, 3 … within the execution (stream revision + 1). */
  readonly eventId: number;
  /** The event that caused this one: the previous event's id (0 for the first). */
  readonly scheduleEventId: number;
  /** `""` for execution-level events. */
  readonly stepName: string;
  readonly type: string;
  readonly time: string;
  readonly detail: JsonObject;
  /** The step's runtime path (`""` for execution-level events). */
  readonly path: string;
  readonly attempt?: number;
}

/** A page of history; `nextToken` is absent on the last page. */
export interface HistoryPage {
  readonly events: HistoryEvent[];
  readonly nextToken?: string;
}

/** Maps one stored execution event to its history shape. */
export function toHistoryEvent(recorded: RecordedEvent): HistoryEvent {
  const event = decodeExecutionEvent(recorded);
  const data = (event.data ?? {}) as unknown as JsonObject & { path?: unknown; name?: unknown; attempt?: unknown };
  const path = typeof data.path === 'string' ? data.path : '';
  const stepName = typeof data.name === 'string' && event.type === 'StepEntered' ? data.name : stepNameOf(path);
  const eventId = recorded.revision + 1;
  return {
    eventId, scheduleEventId: eventId - 1, stepName, type: event.type, time: event.at, detail: data, path,
    ...(typeof data.attempt === 'number' ? { attempt: data.attempt } : {}),
  };
}

/** The step name at the end of a runtime path (`order/branch[1]/charge` → `charge`). */
export function stepNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const DEFAULT_LIMIT = 60;
const MAX_LIMIT = 1000;

/** Reads one history page: `nextToken` is the event id the next page starts at. */
export async function readHistoryPage(
  store: EventStore, executionId: string, page: { limit?: number; nextToken?: string },
): Promise<HistoryPage> {
  const limit = page.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new RuntimeError('RUNTIME.INVALID_ARGUMENT', `The history limit must be an integer from 1 to ${MAX_LIMIT}, got ${limit}.`, { field: 'limit' });
  }
  const fromEventId = page.nextToken === undefined ? 1 : Number(page.nextToken);
  if (!/^[1-9][0-9]*$/.test(page.nextToken ?? '1')) {
    throw new RuntimeError('RUNTIME.INVALID_NEXT_TOKEN', `The history nextToken ${JSON.stringify(page.nextToken)} is not one this API returned.`, { field: 'nextToken' });
  }
  const recorded = await store.readStream(executionStream(executionId), fromEventId - 1, limit + 1);
  const events = recorded.slice(0, limit).map(toHistoryEvent);
  return recorded.length > limit ? { events, nextToken: String(fromEventId + limit) } : { events };
}
