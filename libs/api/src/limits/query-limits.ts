/** Limits on the shape of GraphQL operations and on page sizes (configurable; docs/security.md). */
export interface QueryLimits {
  /** Deepest field nesting an operation may have (top-level fields are depth 1; introspection excluded). */
  readonly maxDepth: number;
  /** Highest estimated cost an operation may have (see `operationCost`). */
  readonly maxComplexity: number;
  /** Largest `first` / `limit` a list or connection field accepts. */
  readonly maxPageSize: number;
  /** Page size when `first` / `limit` is absent. */
  readonly defaultPageSize: number;
}

/** Injection token of the QueryLimits. */
export const QUERY_LIMITS = Symbol('QUERY_LIMITS');

/** Defaults: generous for operators' queries, far below what could exhaust the server. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxComplexity: 20_000,
  maxPageSize: 500,
  defaultPageSize: 50,
};
