import type { RecordedEvent } from '@ordo/runtime';
import type { ExecutionEventRow, ExecutionRow, ExecutionViewStatus, StepRunRow } from './model';

/** Filter of `listExecutions`; every field is optional and they combine with AND. */
export interface ExecutionFilter {
  readonly flowName?: string;
  readonly status?: ExecutionViewStatus;
  /** Inclusive lower bound on `startedAt` (ISO-8601). */
  readonly startedAfter?: string;
  /** Exclusive upper bound on `startedAt` (ISO-8601). */
  readonly startedBefore?: string;
  readonly namePrefix?: string;
  /** Trigger kind: `api`, `kafka`, `schedule`, `parent` or `cli`. */
  readonly trigger?: string;
}

/** Paging arguments: `first` items after the opaque `after` cursor. */
export interface PageArgs {
  readonly first?: number;
  readonly after?: string | null;
  /**
   * Compute `totalCount` (default true). Counts by flow and status come from counters; other
   * filters count matching rows, so callers that do not show the total should pass false.
   */
  readonly withTotalCount?: boolean;
}

/** Filter and paging of `listEvents`. */
export interface EventQuery extends PageArgs {
  readonly types?: readonly string[];
  readonly stepPath?: string;
}

/** A Relay-style connection page. */
export interface Connection<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  /** null when the caller passed `withTotalCount: false`. */
  readonly totalCount: number | null;
}

/** Duration percentiles in milliseconds; null when nothing was measured in the window. */
export interface DurationStats {
  readonly count: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

/** Duration statistics of one step (its path with foreach indices folded to `iteration[*]`). */
export interface StepMetrics {
  readonly stepName: string;
  readonly path: string;
  readonly duration: DurationStats;
  /** ceil(1.5 × p95) in seconds (at least 1): a starting point for the step's `timeoutSeconds`. */
  readonly suggestedTimeoutSeconds: number | null;
}

/** Metrics of one flow: all-time counters, and duration percentiles over the window. */
export interface FlowMetrics {
  readonly flowName: string;
  readonly window: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly running: number;
  readonly started: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly stopped: number;
  readonly retries: number;
  /** (failed + timedOut) / (succeeded + failed + timedOut), 0 when nothing finished. */
  readonly failureRate: number;
  /** Executions still running past their flow deadline at `windowEnd`. */
  readonly overdue: number;
  /** Execution durations (start to end) finished in the window. */
  readonly duration: DurationStats;
  readonly steps: readonly StepMetrics[];
}

/** Options of `flowMetrics`: the window (`15m`, `1h`, `7d`; default `1h`) ending at `now`. */
export interface MetricsQuery {
  readonly window?: string;
  readonly now?: Date;
}

/** What one `apply` call did. */
export interface ApplyResult {
  readonly applied: number;
  readonly skipped: number;
  readonly checkpoint: number;
}

/**
 * The read-model store port (ARCHITECTURE §5). `apply` projects a batch of recorded events and
 * advances the checkpoint in one transaction, skipping events whose (execution, revision) is
 * already applied, so duplicates and replays are harmless. A revision gap for an execution
 * rejects the whole batch with `READ.REVISION_GAP`.
 */
export interface ReadModelStore {
  apply(events: readonly RecordedEvent[]): Promise<ApplyResult>;
  /** Global feed position of the newest applied event, 0 when none. */
  checkpoint(): Promise<number>;
  getExecution(flowName: string, executionName: string): Promise<ExecutionRow | null>;
  getExecutionById(executionId: string): Promise<ExecutionRow | null>;
  /** Newest first (startedAt, then executionId, descending). */
  listExecutions(filter: ExecutionFilter, page?: PageArgs): Promise<Connection<ExecutionRow>>;
  /** The audit trail in event order. */
  listEvents(executionId: string, query?: EventQuery): Promise<Connection<ExecutionEventRow>>;
  /** Every step attempt of an execution, in the order they began. */
  listStepRuns(executionId: string): Promise<StepRunRow[]>;
  flowMetrics(flowName: string, query?: MetricsQuery): Promise<FlowMetrics>;
  /** Executions started by a task of this execution, oldest first. */
  children(executionId: string): Promise<ExecutionRow[]>;
  /** Empties every view and the checkpoint (before a reprojection). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Default and maximum page sizes of the list queries. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
