/**
 * Runtime benchmarks (BENCHMARKS.md W1, W3, W5, W8) on the durable embedded store (SQLite WAL,
 * synchronous=FULL, a temp directory), one JSON line per metric, medians of `--runs` runs.
 *   npm run bench -- runtime [w1|w3|w5|w8 …] [--runs 3] [--seconds 3] [--parked 100000] [--inflight 10000]
 */
import { median, report } from './runtime/harness';
import { measureLatency, measureThroughput } from './runtime/w1';
import { measureW3 } from './runtime/w3';
import { measureW5 } from './runtime/w5';
import { measureW8 } from './runtime/w8';

interface Settings {
  readonly workloads: string[];
  readonly runs: number;
  readonly seconds: number;
  readonly parked: number;
  readonly inflight: number;
  readonly timerRate: number;
}

function parseArgs(args: string[]): Settings {
  const value = (flag: string, fallback: string): string => {
    const i = args.indexOf(flag);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
  };
  const named = args.filter((a, i) => /^w\d$/i.test(a) && !args[i - 1]?.startsWith('--')).map((a) => a.toLowerCase());
  return {
    workloads: named.length > 0 ? named : ['w1', 'w3', 'w5', 'w8'],
    runs: Number(value('--runs', '3')),
    seconds: Number(value('--seconds', '3')),
    parked: Number(value('--parked', '100000')),
    inflight: Number(value('--inflight', '10000')),
    timerRate: Number(value('--timer-rate', '10000')),
  };
}

async function samples<T>(runs: number, measure: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let r = 0; r < runs; r++) out.push(await measure());
  return out;
}

async function w1(s: Settings): Promise<void> {
  const throughput = await samples(s.runs, () => measureThroughput(256, s.seconds));
  const config = { concurrency: 256, steps: 10, seconds: s.seconds, runs: s.runs, samples: throughput.map((t) => Math.round(t.transitionsPerS)) };
  report('w1_executions_per_s', median(throughput.map((t) => t.executionsPerS)), '1/s', config);
  report('w1_transitions_per_s', median(throughput.map((t) => t.transitionsPerS)), '1/s', config);
  report('w1_peak_rss_mb', median(throughput.map((t) => t.peakRssMb)), 'MB', config);
  const latency = await samples(s.runs, () => measureLatency(1000));
  const p = (q: number): number[] => latency.map((l) => [...l].sort((a, b) => a - b)[Math.ceil((q / 100) * l.length) - 1]);
  const lconfig = { concurrency: 1, steps: 10, executions: 1000, runs: s.runs };
  report('w1_p50_ms', median(p(50)), 'ms', { ...lconfig, samples: p(50) });
  report('w1_p99_ms', median(p(99)), 'ms', { ...lconfig, samples: p(99) });
}

async function w3(s: Settings): Promise<void> {
  const runs = Math.min(s.runs, 1);
  const results = await samples(runs, () => measureW3(s.parked, 10_000));
  const config = { parked: s.parked, cacheSize: 10_000, clientConcurrency: 256, runs };
  report('w3_parked_peak_rss_mb', median(results.map((r) => r.parkedPeakRssMb)), 'MB', config);
  report('w3_park_seconds', median(results.map((r) => r.parkSeconds)), 's', config);
  report('w3_callbacks_per_s', median(results.map((r) => r.callbacksPerS)), '1/s', config);
}

async function w5(s: Settings): Promise<void> {
  const results = await samples(s.runs, () => measureW5(s.timerRate, 2));
  const config = { timersPerS: s.timerRate, waitSeconds: 1, seconds: 2, runs: s.runs, achievedStartRate: results.map((r) => Math.round(r.achievedRatePerS)) };
  report('w5_timer_lag_p50_ms', median(results.map((r) => r.lagP50Ms)), 'ms', config);
  report('w5_timer_lag_p99_ms', median(results.map((r) => r.lagP99Ms)), 'ms', config);
}

async function w8(s: Settings): Promise<void> {
  const results = await samples(s.runs, () => measureW8(s.inflight));
  const config = { inflight: s.inflight, mix: 'half on 2 s waits, half on task attempts', runs: s.runs, recovered: results.map((r) => r.recovered) };
  report('w8_resume_ms', median(results.map((r) => r.resumeMs)), 'ms', config);
  report('w8_all_finished_ms', median(results.map((r) => r.allFinishedMs)), 'ms', config);
}

const WORKLOADS: Record<string, (s: Settings) => Promise<void>> = { w1, w3, w5, w8 };

/** Entry point for `npm run bench -- runtime`. */
export async function run(args: string[]): Promise<void> {
  const settings = parseArgs(args);
  for (const name of settings.workloads) {
    const workload = WORKLOADS[name];
    if (workload === undefined) throw new Error(`unknown runtime workload ${name}: use w1, w3, w5 or w8`);
    await workload(settings);
  }
}
