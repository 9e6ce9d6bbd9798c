import type { DurationStats, FlowMetrics, StepMetrics } from '../ports';
import { COUNTERS, statusCounter } from '../projection/changes';
import { addToHistogram, histogramCount, quantile, type Histogram } from './histogram';
import { MINUTE_MS, parseWindow, windowMinutes } from './window';

/** Safety margin applied to a step's p95 duration to suggest its `timeoutSeconds`. */
export const SUGGESTED_TIMEOUT_MARGIN = 1.5;

/** One histogram cell read back from a store. */
export interface HistogramCell {
  readonly path: string;
  readonly stepName: string;
  readonly bucket: number;
  readonly count: number;
}

/** What a store reads to answer a metrics query. */
export interface MetricsInputs {
  readonly counters: ReadonlyMap<string, number>;
  readonly overdue: number;
  readonly cells: readonly HistogramCell[];
}

/** The resolved window of a metrics query: label, length and the minute range it covers. */
export interface ResolvedWindow {
  readonly label: string;
  readonly now: Date;
  readonly fromMinute: number;
  readonly toMinute: number;
}

/** Resolves `window` (default `1h`) ending at `now` into whole minutes. */
export function resolveWindow(window: string | undefined, now: Date): ResolvedWindow {
  const label = window ?? '1h';
  const { from, to } = windowMinutes(parseWindow(label), now);
  return { label, now, fromMinute: from, toMinute: to };
}

/** Builds the metrics answer from counters and the histogram cells of the window. */
export function assembleFlowMetrics(flowName: string, window: ResolvedWindow, inputs: MetricsInputs): FlowMetrics {
  const c = (name: string): number => inputs.counters.get(name) ?? 0;
  const succeeded = c(COUNTERS.succeeded);
  const failed = c(COUNTERS.failed);
  const timedOut = c(COUNTERS.timedOut);
  const finished = succeeded + failed + timedOut;
  const byPath = groupByPath(inputs.cells);
  const execution = byPath.get('');
  const steps: StepMetrics[] = [...byPath.entries()]
    .filter(([path]) => path !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, g]) => stepMetrics(path, g.stepName, g.histogram));
  return {
    flowName,
    window: window.label,
    windowStart: new Date(window.fromMinute * MINUTE_MS).toISOString(),
    windowEnd: window.now.toISOString(),
    running: c(statusCounter('Running')),
    started: c(COUNTERS.started),
    succeeded, failed, timedOut,
    stopped: c(COUNTERS.stopped),
    retries: c(COUNTERS.retries),
    failureRate: finished === 0 ? 0 : (failed + timedOut) / finished,
    overdue: inputs.overdue,
    duration: durationStats(execution?.histogram ?? new Map()),
    steps,
  };
}

function groupByPath(cells: readonly HistogramCell[]): Map<string, { stepName: string; histogram: Histogram }> {
  const groups = new Map<string, { stepName: string; histogram: Histogram }>();
  for (const cell of cells) {
    let group = groups.get(cell.path);
    if (group === undefined) { group = { stepName: cell.stepName, histogram: new Map() }; groups.set(cell.path, group); }
    addToHistogram(group.histogram, cell.bucket, cell.count);
  }
  return groups;
}

function stepMetrics(path: string, stepName: string, histogram: Histogram): StepMetrics {
  const duration = durationStats(histogram);
  const suggested = duration.p95 === null ? null : Math.max(1, Math.ceil((duration.p95 * SUGGESTED_TIMEOUT_MARGIN) / 1000));
  return { stepName, path, duration, suggestedTimeoutSeconds: suggested };
}

function durationStats(h: Histogram): DurationStats {
  return { count: histogramCount(h), p50: quantile(h, 0.5), p95: quantile(h, 0.95), p99: quantile(h, 0.99) };
}
