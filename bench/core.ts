/**
 * Core benchmark (BENCHMARKS.md "core"): decide+evolve over W1's flow (10 sequential task steps,
 * instant results, every event recorded) and fold of a 100,000-event history. Medians of 5 runs.
 */
import { availableParallelism, loadavg } from 'node:os';
import {
  decide, evolve, fold, initialState, type CompiledFlow, type ExecutionCommand, type ExecutionEvent,
  type ExecutionState, type JsonObject,
} from '@ordo/core';
import { compileFlowText } from '@ordo/fdl';

const STEPS = 10;
const RUNS = 5;

function compile(text: string): CompiledFlow {
  const { flow, issues } = compileFlowText(text);
  if (flow === undefined) throw new Error(JSON.stringify(issues));
  return flow;
}

const w1 = compile(`version: v1\ntype: flow\nsteps:\n${Array.from({ length: STEPS }, (_, i) =>
  `  - type: task\n    name: step${i}\n    resourceArn: local:increment\n`).join('')}`);

/** A loop flow: 10 tasks, then a choice that jumps back while `round < $.limit`. */
const loop = compile(`version: v1\ntype: flow\nsteps:\n${Array.from({ length: STEPS }, (_, i) =>
  `  - type: task\n    name: step${i}\n    resourceArn: local:increment\n`).join('')}  - type: choice
    name: again
    choices:
      - condition: $.round < $.limit
        goto: step0
`);

function startCommand(id: string, input: JsonObject): ExecutionCommand {
  return { type: 'StartExecution', now: 1_700_000_000_000, data: { executionId: id, executionName: id, flowName: 'w1', flowVersion: 1, input, trigger: { kind: 'api' } } };
}

/** Drives one execution to its end, answering each task with its input plus one; returns transitions. */
function runExecution(flow: CompiledFlow, id: string, input: JsonObject, record?: ExecutionEvent[]): number {
  let state: ExecutionState = initialState();
  let command: ExecutionCommand | undefined = startCommand(id, input);
  let transitions = 0;
  let now = 1_700_000_000_000;
  while (command !== undefined) {
    const decision = decide(command, state, flow);
    command = undefined;
    for (const event of decision.events) {
      state = evolve(state, event);
      record?.push(event);
      if (event.type === 'StepExited') transitions++;
      if (event.type === 'TaskScheduled') {
        const output = { round: ((event.data.input.round as number) ?? 0) + 1 };
        command = { type: 'ReportTaskSucceeded', now: ++now, data: { taskId: event.data.taskId, output } };
      }
    }
  }
  if (state.status !== 'Succeeded') throw new Error(`execution ended ${state.status}`);
  return transitions;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Rates per wall-clock second (the metric) and per CPU second of this process (less noisy here). */
function measureTransitions(): { wall: number; cpu: number } {
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    let transitions = 0;
    for (let i = 0; i < 3000; i++) transitions += runExecution(w1, `ex-${i}`, { round: 0 });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    rates.push(transitions / seconds);
    cpuRates.push(transitions / ((cpu.user + cpu.system) / 1e6));
  }
  return { wall: median(rates), cpu: median(cpuRates) };
}

function measureFold(): { rate: number; cpuRate: number; events: number } {
  const events: ExecutionEvent[] = [];
  let limit = 100;
  while (events.length < 100_000) {
    events.length = 0;
    runExecution(loop, 'ex-fold', { round: 0, limit }, events);
    limit = Math.ceil(limit * (100_000 / events.length)) + 1;
  }
  const history = events.slice(0, 100_000);
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const state = fold(history);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    if (state.revision !== history.length - 1) throw new Error('fold lost events');
    rates.push(history.length / seconds);
    cpuRates.push(history.length / ((cpu.user + cpu.system) / 1e6));
  }
  return { rate: median(rates), cpuRate: median(cpuRates), events: history.length };
}

function print(metric: string, value: number, config: Record<string, unknown>): void {
  const line = { bench: 'core', metric, value: Math.round(value), unit: '1/s', config: { ...config, runs: RUNS, node: process.version, nproc: availableParallelism() } };
  console.log(JSON.stringify(line));
}

export async function run(): Promise<void> {
  runExecution(w1, 'warm', { round: 0 });
  const transitions = measureTransitions();
  print('transitions_per_s', transitions.wall, {
    flow: 'W1: 10 sequential task steps', executions: 3000, decideAndEvolve: true, eventsRecorded: true,
    perCpuSecond: Math.round(transitions.cpu), loadavg1: loadavg()[0],
  });
  const folded = measureFold();
  print('fold_events_per_s', folded.rate, {
    flow: '10 task steps + choice goto loop', events: folded.events, perCpuSecond: Math.round(folded.cpuRate), loadavg1: loadavg()[0],
  });
}
