import { ReadModelError } from '../errors';
import type { ExecutionEventRow, ExecutionRow, StepRunRow } from '../model';
import type { ProjectableEvent } from '../projectable';
import { bucketOf } from '../metrics/histogram';
import { EMPTY_VIEW_STATE, type DurationSample, type ExecutionViewState, type RowChange } from './changes';
import { projectEvent } from './project';

/** A summed change to one `flow_counters` row. */
export interface CounterDelta {
  readonly flowName: string;
  readonly name: string;
  readonly delta: number;
}

/** A summed change to one histogram cell (flow, step path, minute, bucket). */
export interface HistogramDelta {
  readonly flowName: string;
  readonly path: string;
  readonly stepName: string;
  readonly minute: number;
  readonly bucket: number;
  readonly count: number;
}

/** Everything one batch writes, coalesced: each row once, in its final form; deltas summed. */
export interface BatchWrite {
  readonly executions: readonly ExecutionRow[];
  readonly events: readonly ExecutionEventRow[];
  readonly stepRuns: readonly StepRunRow[];
  /** Sorted by key, so concurrent writers lock rows in one order. */
  readonly counters: readonly CounterDelta[];
  readonly histograms: readonly HistogramDelta[];
  readonly applied: number;
  readonly skipped: number;
}

/**
 * Folds a batch of events (in feed order) over the loaded view states of their executions.
 * Events at or below an execution's applied revision are skipped (duplicates, replays); an
 * event beyond the next revision means events were lost upstream and rejects the batch.
 */
export function projectBatch(
  loaded: ReadonlyMap<string, ExecutionViewState>,
  events: readonly ProjectableEvent[],
): BatchWrite {
  const states = new Map(loaded);
  const collector = new ChangeCollector();
  let skipped = 0;
  for (const event of events) {
    const state = states.get(event.executionId) ?? EMPTY_VIEW_STATE;
    const expected = (state.execution?.lastRevision ?? -1) + 1;
    if (event.revision < expected) { skipped += 1; continue; }
    if (event.revision > expected) {
      throw new ReadModelError('READ.REVISION_GAP',
        `Execution ${event.executionId} expects revision ${expected} next but received ${event.type} at revision ${event.revision}.`);
    }
    const projection = projectEvent(state, event);
    states.set(event.executionId, projection.state);
    collector.add(projection.changes);
  }
  return { ...collector.result(), applied: events.length - skipped, skipped };
}

class ChangeCollector {
  private readonly executions = new Map<string, ExecutionRow>();
  private readonly events: ExecutionEventRow[] = [];
  private readonly stepRuns = new Map<string, StepRunRow>();
  private readonly counters = new Map<string, CounterDelta>();
  private readonly histograms = new Map<string, HistogramDelta>();

  add(changes: readonly RowChange[]): void {
    for (const change of changes) {
      switch (change.kind) {
        case 'execution': this.executions.set(change.row.executionId, change.row); break;
        case 'event': this.events.push(change.row); break;
        case 'stepRun': this.stepRuns.set(`${change.row.executionId}\u0000${change.row.runId}`, change.row); break;
        case 'counter': this.addCounter(change.flowName, change.name, change.delta); break;
        case 'duration': this.addSample(change.sample); break;
      }
    }
  }

  result(): Omit<BatchWrite, 'applied' | 'skipped'> {
    return {
      executions: [...this.executions.values()],
      events: this.events,
      stepRuns: [...this.stepRuns.values()],
      counters: sortedValues(this.counters).filter((c) => c.delta !== 0),
      histograms: sortedValues(this.histograms),
    };
  }

  private addCounter(flowName: string, name: string, delta: number): void {
    const key = `${flowName}\u0000${name}`;
    const prev = this.counters.get(key);
    this.counters.set(key, { flowName, name, delta: (prev?.delta ?? 0) + delta });
  }

  private addSample(s: DurationSample): void {
    const bucket = bucketOf(s.durationMs);
    const key = `${s.flowName}\u0000${s.path}\u0000${s.minute}\u0000${bucket}`;
    const prev = this.histograms.get(key);
    this.histograms.set(key, {
      flowName: s.flowName, path: s.path, stepName: s.stepName, minute: s.minute, bucket, count: (prev?.count ?? 0) + 1,
    });
  }
}

function sortedValues<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}
