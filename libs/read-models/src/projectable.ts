import type { RecordedEvent } from '@ordo/runtime';
import { ReadModelError } from './errors';

/**
 * An execution event as the projections read it: where it belongs (execution, revision, feed
 * position), what it is (type), when it happened (`at`, canonical ISO-8601) and its payload.
 */
export interface ProjectableEvent {
  readonly executionId: string;
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  readonly at: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Prefix of execution streams (ARCHITECTURE §3; the runtime's `streams.ts` builds them). */
export const EXECUTION_STREAM_PREFIX = 'ordoExecution-';

/**
 * Adapts a stored event for projection, or returns undefined for events of other streams (flow
 * definitions, schedules). The runtime stores the core event's `data` unchanged and its `at` time
 * in `metadata.at`; an `at` inside the data is accepted too; without either, `recordedAt` is used.
 */
export function toProjectable(recorded: RecordedEvent): ProjectableEvent | undefined {
  if (!recorded.streamId.startsWith(EXECUTION_STREAM_PREFIX)) return undefined;
  const executionId = recorded.streamId.slice(EXECUTION_STREAM_PREFIX.length);
  if (typeof recorded.data !== 'object' || recorded.data === null || Array.isArray(recorded.data)) {
    throw new ReadModelError('READ.INVALID_EVENT',
      `Event ${recorded.type} at revision ${recorded.revision} of stream ${recorded.streamId} has no JSON object data.`);
  }
  const data = recorded.data as Record<string, unknown>;
  const at = [recorded.metadata?.at, data.at, recorded.recordedAt].find((t): t is string => typeof t === 'string');
  return {
    executionId,
    revision: recorded.revision,
    position: recorded.position,
    type: recorded.type,
    at: canonicalTime(at ?? '', recorded),
    data,
  };
}

function canonicalTime(iso: string, recorded: RecordedEvent): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new ReadModelError('READ.INVALID_EVENT',
      `Event ${recorded.type} at revision ${recorded.revision} of stream ${recorded.streamId} has an invalid time "${iso}".`);
  }
  return new Date(ms).toISOString();
}
