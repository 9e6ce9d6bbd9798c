/**
 * W1: 10 sequential `local:` tasks, each returning its input with a counter incremented. Throughput
 * in a closed loop at 256 concurrent executions; end-to-end latency at concurrency 1.
 */
import { executionIdOf } from '@ordo/runtime';
import { Completions } from './completions';
import { increment, msSince, openBenchEngine, rssSampler, secondsSince, sequentialTasksFlow, type BenchEngine } from './harness';

const STEPS = 10;
const FLOW = 'w1';

/** One closed-loop throughput sample. */
export interface W1Throughput {
  readonly executionsPerS: number;
  readonly transitionsPerS: number;
  readonly peakRssMb: number;
}

async function prepare(): Promise<{ bench: BenchEngine; completions: Completions }> {
  const bench = openBenchEngine({ handlers: { increment } });
  await bench.engine.deployFlow(FLOW, sequentialTasksFlow(STEPS));
  await bench.engine.start();
  return { bench, completions: new Completions(bench.engine) };
}

async function runOne(bench: BenchEngine, completions: Completions, name: string): Promise<void> {
  const done = completions.wait(executionIdOf(FLOW, name));
  await bench.engine.startExecution({ flowName: FLOW, executionName: name, input: { counter: 0 } });
  const state = await done;
  if (state.status !== 'Succeeded' || state.output?.counter !== STEPS) throw new Error(`W1 execution ${name} ended ${state.status}`);
}

/** `concurrency` closed loops for `seconds` (after a short warm-up). */
export async function measureThroughput(concurrency: number, seconds: number, warmupSeconds = 1): Promise<W1Throughput> {
  const { bench, completions } = await prepare();
  const rss = rssSampler();
  let phase: 'warmup' | 'measure' | 'stop' = 'warmup';
  let counted = 0;
  let next = 0;
  const loop = async (): Promise<void> => {
    while (phase !== 'stop') {
      await runOne(bench, completions, `e${next++}`);
      if (phase === 'measure') counted++;
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  await new Promise((r) => setTimeout(r, warmupSeconds * 1000));
  phase = 'measure';
  const started = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const elapsed = secondsSince(started);
  const executions = counted;
  phase = 'stop';
  await Promise.all(loops);
  const peakRssMb = rss.stop();
  completions.close();
  await bench.dispose();
  return { executionsPerS: executions / elapsed, transitionsPerS: (executions * STEPS) / elapsed, peakRssMb };
}

/** End-to-end latencies (ms) of `count` executions run one at a time, after `warmup` unmeasured ones. */
export async function measureLatency(count: number, warmup = 200): Promise<number[]> {
  const { bench, completions } = await prepare();
  const latencies: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const started = process.hrtime.bigint();
    await runOne(bench, completions, `l${i}`);
    if (i >= warmup) latencies.push(msSince(started));
  }
  completions.close();
  await bench.dispose();
  return latencies;
}
