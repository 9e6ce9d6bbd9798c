import type { ExecutionEventRow, ExecutionRow, StepRunRow } from '../model';

/**
 * What the projections know about one execution while folding its events: its `executions` row
 * (undefined before `ExecutionStarted`) and its step runs that later events may still change,
 * keyed by step path. This is all a store must load before applying the execution's next events.
 */
export interface ExecutionViewState {
  readonly execution: ExecutionRow | undefined;
  readonly openRuns: ReadonlyMap<string, StepRunRow>;
}

/** The state of an execution no event has touched yet. */
export const EMPTY_VIEW_STATE: ExecutionViewState = { execution: undefined, openRuns: new Map() };

/** A row change a projection asks the store to make. Upserts carry the whole new row. */
export type RowChange =
  | { readonly kind: 'execution'; readonly row: ExecutionRow }
  | { readonly kind: 'event'; readonly row: ExecutionEventRow }
  | { readonly kind: 'stepRun'; readonly row: StepRunRow }
  | { readonly kind: 'counter'; readonly flowName: string; readonly name: string; readonly delta: number }
  | { readonly kind: 'duration'; readonly sample: DurationSample };

/** One measured duration, for the per-minute histograms of `flow_metrics`. */
export interface DurationSample {
  readonly flowName: string;
  /** Step path with foreach indices folded (`items/iteration[*]/resize`); '' for the whole execution. */
  readonly path: string;
  readonly stepName: string;
  /** Epoch minute in which the measured span ended. */
  readonly minute: number;
  readonly durationMs: number;
}

/** The result of projecting one event: the execution's next state and the row changes. */
export interface Projection {
  readonly state: ExecutionViewState;
  readonly changes: readonly RowChange[];
}

/** Names of the `flow_metrics` counters. `status:<Status>` counters hold current status counts. */
export const COUNTERS = {
  started: 'started',
  succeeded: 'succeeded',
  failed: 'failed',
  timedOut: 'timedOut',
  stopped: 'stopped',
  retries: 'retries',
  redriven: 'redriven',
} as const;

/** The counter holding how many executions of a flow are currently in `status`. */
export function statusCounter(status: string): string {
  return `status:${status}`;
}
