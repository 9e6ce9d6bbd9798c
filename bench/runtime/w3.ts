/**
 * W3: executions parked on a `waitForCallback` task (peak RSS and time to park them), then every
 * callback completed through the engine's report API (callbacks/s until all finished).
 */
import type { TaskHandlerContext } from '@ordo/runtime';
import { Completions } from './completions';
import { openBenchEngine, rssSampler, secondsSince } from './harness';

const FLOW = 'w3';
const CALLBACK_FLOW = ['version: v1', 'type: flow', 'steps:', '  - type: task', '    name: approve',
  '    resourceArn: local:park', '    pattern: waitForCallback'].join('\n');

/** One W3 sample. */
export interface W3Result {
  readonly parkedPeakRssMb: number;
  readonly parkSeconds: number;
  readonly callbacksPerS: number;
  readonly peakRssMb: number;
}

/** Runs `jobs` with at most `concurrency` in flight. */
export async function pooled(count: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Parks `count` executions, then reports all callbacks; `cacheSize` bounds the engine's LRU. */
export async function measureW3(count: number, cacheSize: number, concurrency = 256): Promise<W3Result> {
  const tokens: string[] = [];
  const park = (_input: unknown, ctx: TaskHandlerContext): Record<string, never> => { tokens.push(ctx.token); return {}; };
  const bench = openBenchEngine({ handlers: { park }, cacheSize });
  await bench.engine.deployFlow(FLOW, CALLBACK_FLOW);
  await bench.engine.start();
  const rss = rssSampler();
  const parkStarted = process.hrtime.bigint();
  await pooled(count, concurrency, async (i) => {
    await bench.engine.startExecution({ flowName: FLOW, executionName: `p${i}`, input: { order: i, note: 'parked on a callback' } });
  });
  while (tokens.length < count) await new Promise((r) => setTimeout(r, 5));
  await bench.engine.whenIdle();
  const parkSeconds = secondsSince(parkStarted);
  const parkedPeakRssMb = rss.peakMb();
  if (process.env.W3_DEBUG) console.error("parked", process.memoryUsage());
  const completions = new Completions(bench.engine);
  const reportStarted = process.hrtime.bigint();
  await pooled(count, concurrency, async (i) => { await bench.engine.reportTaskSucceeded(tokens[i], { approved: true, by: 'bench' }); });
  while (completions.count < count) await new Promise((r) => setTimeout(r, 5));
  const callbacksPerS = count / secondsSince(reportStarted);
  const peakRssMb = rss.stop();
  completions.close();
  await bench.dispose();
  return { parkedPeakRssMb, parkSeconds, callbacksPerS, peakRssMb };
}
