/**
 * W5: executions whose only step waits 1 s, started at a steady rate (10,000/s by default) so that
 * as many timers fall due per second; lag = commit time of TimerFired minus the timer's due time.
 */
import { EXECUTION_STREAM_PREFIX } from '@ordo/runtime';
import { Completions } from './completions';
import { openBenchEngine, percentile, secondsSince } from './harness';

const FLOW = 'w5';
const WAIT_FLOW = ['version: v1', 'type: flow', 'steps:', '  - type: wait', '    name: pause', '    duration: 1'].join('\n');
const TICK_MS = 10;

/** One W5 sample. */
export interface W5Result {
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly timers: number;
  /** Starts per second actually achieved (the pacer falls behind when the machine cannot keep up). */
  readonly achievedRatePerS: number;
}

/** Starts `rate` executions per second for `seconds`, waits for all to end, and reads the lags. */
export async function measureW5(rate: number, seconds: number): Promise<W5Result> {
  const bench = openBenchEngine();
  await bench.engine.deployFlow(FLOW, WAIT_FLOW);
  await bench.engine.start();
  const completions = new Completions(bench.engine);
  const total = Math.round(rate * seconds);
  const started = process.hrtime.bigint();
  const starts: Promise<unknown>[] = [];
  for (let launched = 0; launched < total;) {
    const due = Math.min(total, Math.floor(secondsSince(started) * rate) + Math.ceil((rate * TICK_MS) / 1000));
    for (; launched < due; launched++) starts.push(bench.engine.startExecution({ flowName: FLOW, executionName: `t${launched}`, input: {} }));
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  await Promise.all(starts);
  const achievedRatePerS = total / secondsSince(started);
  while (completions.count < total) await new Promise((r) => setTimeout(r, 10));
  const lags = await readLags(bench.store);
  completions.close();
  await bench.dispose();
  return { lagP50Ms: percentile(lags, 50), lagP99Ms: percentile(lags, 99), timers: lags.length, achievedRatePerS };
}

/** Per timer: recordedAt(TimerFired) − dueAt(TimerStarted), from the feed. */
async function readLags(store: ReturnType<typeof openBenchEngine>['store']): Promise<number[]> {
  const due = new Map<string, number>();
  const lags: number[] = [];
  for (let after = 0; ;) {
    const page = await store.readAll({ after }, { limit: 10_000, streamPrefix: EXECUTION_STREAM_PREFIX });
    for (const e of page) {
      const data = e.data as { timerId?: string; dueAt?: string };
      if (e.type === 'TimerStarted') due.set(data.timerId!, Date.parse(data.dueAt!));
      if (e.type === 'TimerFired') lags.push(Date.parse(e.recordedAt) - due.get(data.timerId!)!);
    }
    if (page.length < 10_000) return lags;
    after = page[page.length - 1].position;
  }
}
