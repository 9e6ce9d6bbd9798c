import { StoreError, type ExpectedRevision, type NewEvent, type RecordedEvent } from '@ordo/runtime';
import type { EventRow } from './statements';

/** An event ready to insert: its data and metadata already JSON text. */
export interface SerialisedEvent {
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** Maps a stored row back to the port's RecordedEvent. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id, revision: row.revision, position: row.position, type: row.type,
    data: JSON.parse(row.data), metadata: JSON.parse(row.metadata), recordedAt: row.recorded_at,
  };
}

function toJson(value: unknown, streamId: string, index: number, field: string): string {
  let text: string | undefined;
  let cause: unknown;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    cause = e;
  }
  if (text === undefined) {
    throw new StoreError('STORE.INVALID', `Event ${index} of the append to stream "${streamId}" has ${field} that is not JSON-serialisable.`, { streamId }, false, { cause });
  }
  return text;
}

/** Validates an append and serialises its events, failing with STORE.INVALID naming the stream and event. */
export function serialiseAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): SerialisedEvent[] {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new StoreError('STORE.INVALID', 'An append needs a non-empty stream id.');
  if (events.length === 0) throw new StoreError('STORE.INVALID', `The append to stream "${streamId}" has no events.`, { streamId });
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new StoreError('STORE.INVALID', `The append to stream "${streamId}" has an invalid expected revision ${expected}.`, { streamId, expected });
  }
  return events.map((e, i) => {
    if (typeof e.type !== 'string' || e.type.length === 0) {
      throw new StoreError('STORE.INVALID', `Event ${i} of the append to stream "${streamId}" has no type.`, { streamId });
    }
    return { type: e.type, data: toJson(e.data ?? null, streamId, i, 'data'), metadata: toJson(e.metadata ?? {}, streamId, i, 'metadata') };
  });
}
