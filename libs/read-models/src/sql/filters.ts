import { decodeExecutionCursor } from '../cursor';
import { ReadModelError } from '../errors';
import type { EventQuery, ExecutionFilter } from '../ports';
import { prefixUpperBound } from './paging';

/** A WHERE clause with its parameters; `param` renders a placeholder (`?` or `$n`) for a value. */
export interface Where {
  readonly sql: string;
  readonly params: unknown[];
}

type Placeholder = (index: number) => string;

/**
 * The WHERE clause of the executions list for a filter and an optional cursor. Every condition
 * is a column comparison that the `executions` indices serve (no functions over columns).
 */
export function executionsWhere(filter: ExecutionFilter, after: string | null | undefined, placeholder: Placeholder): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown): string => { params.push(value); return placeholder(params.length); };
  if (filter.flowName !== undefined) parts.push(`flow_name = ${p(filter.flowName)}`);
  if (filter.status !== undefined) parts.push(`status = ${p(filter.status)}`);
  if (filter.trigger !== undefined) parts.push(`trigger_kind = ${p(filter.trigger)}`);
  if (filter.startedAfter !== undefined) parts.push(`started_at >= ${p(canonical('startedAfter', filter.startedAfter))}`);
  if (filter.startedBefore !== undefined) parts.push(`started_at < ${p(canonical('startedBefore', filter.startedBefore))}`);
  if (filter.namePrefix !== undefined && filter.namePrefix !== '') {
    parts.push(`execution_name >= ${p(filter.namePrefix)}`, `execution_name < ${p(prefixUpperBound(filter.namePrefix))}`);
  }
  if (after) {
    const cursor = decodeExecutionCursor(after);
    parts.push(`(started_at, execution_id) < (${p(cursor.startedAt)}, ${p(cursor.executionId)})`);
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** The WHERE clause of an audit-trail query (the cursor condition is added by the caller). */
export function eventsWhere(executionId: string, query: EventQuery, placeholder: Placeholder): Where {
  const params: unknown[] = [executionId];
  const parts = [`execution_id = ${placeholder(1)}`];
  const p = (value: unknown): string => { params.push(value); return placeholder(params.length); };
  if (query.stepPath !== undefined) parts.push(`path = ${p(query.stepPath)}`);
  if (query.types !== undefined && query.types.length > 0) parts.push(`type IN (${query.types.map((t) => p(t)).join(', ')})`);
  return { sql: `WHERE ${parts.join(' AND ')}`, params };
}

/** True when the count of a filter can be read from the status counters instead of counting rows. */
export function countableFromCounters(filter: ExecutionFilter): boolean {
  return filter.startedAfter === undefined && filter.startedBefore === undefined
    && (filter.namePrefix === undefined || filter.namePrefix === '') && filter.trigger === undefined;
}

function canonical(field: string, iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new ReadModelError('READ.INVALID_ARGUMENT', `Filter field ${field} = "${iso}" is not an ISO-8601 time.`);
  }
  return new Date(ms).toISOString();
}
