import { ReadModelError } from '../errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Connection } from '../ports';

/** The page size to use: `first` when given (1 to MAX_PAGE_SIZE), else the default. */
export function pageSize(first: number | undefined): number {
  if (first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new ReadModelError('READ.INVALID_ARGUMENT', `Page size first=${first} must be an integer from 0 to ${MAX_PAGE_SIZE}.`);
  }
  return first;
}

/** Builds a connection from up to `size + 1` fetched rows (the extra row only says there is more). */
export function toConnection<T>(rows: readonly T[], size: number, cursorOf: (row: T) => string, totalCount: number | null): Connection<T> {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null },
    totalCount,
  };
}

/** Upper bound for a prefix range scan: every string starting with `prefix` sorts below it. */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
