/**
 * Shared pieces of the runtime benchmarks: a durable SQLite engine in a temp directory, the
 * workload flows, percentiles, RSS sampling and the JSON result line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type EngineOptions } from '@ordo/runtime';
import { openSqliteEventStore, type SqliteEventStore } from '@ordo/store-sqlite';

/** Store settings every runtime benchmark states (durable defaults). */
export const STORE_SETTINGS = { store: 'sqlite', journal: 'WAL', synchronous: 'FULL' } as const;

/** The machine a figure was measured on. */
export function machine(): Record<string, unknown> {
  return { nproc: availableParallelism(), node: process.version, ...STORE_SETTINGS };
}

/** Prints one result line. */
export function report(metric: string, value: number, unit: string, config: Record<string, unknown>): void {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
  console.log(JSON.stringify({ bench: 'runtime', metric, value: rounded, unit, config: { ...machine(), ...config } }));
}

/** An engine on a fresh durable SQLite file; `dispose` closes both and removes the directory. */
export interface BenchEngine {
  readonly engine: Engine;
  readonly store: SqliteEventStore;
  readonly dir: string;
  dispose(): Promise<void>;
}

/** Opens a durable store in `dir` (default: a new temp dir) and an engine on it. */
export function openBenchEngine(options: Partial<EngineOptions> = {}, dir?: string): BenchEngine {
  const directory = dir ?? mkdtempSync(join(tmpdir(), 'ordo-bench-runtime-'));
  const store = openSqliteEventStore({ path: join(directory, 'events.db') });
  const engine = new Engine({ store, checkpointIntervalMs: 0, tokenSecret: 'bench-secret-'.padEnd(40, 'x'), ...options });
  return {
    engine, store, dir: directory,
    async dispose() {
      await engine.close();
      await store.close();
      if (dir === undefined) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** W1's flow: `steps` sequential tasks on `local:increment`. */
export function sequentialTasksFlow(steps: number): string {
  const lines = ['version: v1', 'type: flow', 'steps:'];
  for (let i = 0; i < steps; i++) lines.push('  - type: task', `    name: step${i}`, '    resourceArn: local:increment');
  return lines.join('\n');
}

/** The handler W1 uses: its input with `counter` incremented. */
export function increment(input: Record<string, unknown>): Record<string, unknown> {
  return { ...input, counter: ((input.counter as number | undefined) ?? 0) + 1 };
}

/** The p-th percentile (0..100) of `values` (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Samples the process RSS every few ms; `stop` returns the peak in MB. */
export function rssSampler(intervalMs = 20): { stop(): number; peakMb(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, intervalMs);
  const peakMb = (): number => Math.max(peak, process.memoryUsage.rss()) / (1024 * 1024);
  return { stop: () => { clearInterval(timer); return peakMb(); }, peakMb };
}

/** Seconds elapsed since `start` (from `process.hrtime.bigint()`). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Milliseconds elapsed since `start` (from `process.hrtime.bigint()`). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
