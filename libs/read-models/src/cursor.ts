import { ReadModelError } from './errors';

/** Opaque cursor of the executions list: the (startedAt, executionId) of the last row seen. */
export function encodeExecutionCursor(startedAt: string, executionId: string): string {
  return Buffer.from(JSON.stringify([startedAt, executionId]), 'utf8').toString('base64url');
}

/** Decodes an executions cursor; `READ.INVALID_CURSOR` when it was not made by `encodeExecutionCursor`. */
export function decodeExecutionCursor(cursor: string): { startedAt: string; executionId: string } {
  const parsed = decodeJson(cursor);
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
    throw invalid(cursor);
  }
  return { startedAt: parsed[0], executionId: parsed[1] };
}

/** Opaque cursor of an audit trail: the event id of the last row seen. */
export function encodeEventCursor(eventId: number): string {
  return Buffer.from(JSON.stringify(['e', eventId]), 'utf8').toString('base64url');
}

/** Decodes an audit-trail cursor into the event id it stands for. */
export function decodeEventCursor(cursor: string): number {
  const parsed = decodeJson(cursor);
  if (!Array.isArray(parsed) || parsed[0] !== 'e' || !Number.isSafeInteger(parsed[1])) throw invalid(cursor);
  return parsed[1] as number;
}

function decodeJson(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid(cursor);
  }
}

function invalid(cursor: string): ReadModelError {
  return new ReadModelError('READ.INVALID_CURSOR', `The cursor "${cursor.slice(0, 64)}" was not issued by this query.`);
}
