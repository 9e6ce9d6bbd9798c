/**
 * W4: state at an arbitrary event of a long execution. Records one execution of a wait loop on an
 * in-memory store (the engine writes its snapshots every 500 events as in production), then times
 * `ReplayService.stateAt` at random event ids. Prints JSON.
 * Run: node -r @swc-node/register libs/runtime/bench/replay-state-at.ts [events=100000] [samples=200]
 */
import { Engine, InMemoryEventStore, ReplayService, VirtualClock, settleEngine } from '@ordo/runtime';

const FLOW = `version: v1
type: flow
steps:
  - type: pass
    name: init
    outputMappings:
      - target: i
        source: 0
  - type: wait
    name: tick
    duration: 1
  - type: choice
    name: again
    choices:
      - condition: $.i >= 0
        goto: tick
`;

async function main(): Promise<void> {
  const targetEvents = Number(process.argv[2] ?? 100_000);
  const samples = Number(process.argv[3] ?? 200);
  const store = new InMemoryEventStore();
  const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
  const engine = new Engine({ store, clock, checkpointIntervalMs: 0, tokenSecret: 'x'.repeat(32) });
  await engine.deployFlow('loop', FLOW);
  await engine.startExecution({ flowName: 'loop', executionName: 'long', input: {} });
  const recordStart = Date.now();
  let revision = 0;
  while (revision < targetEvents) {
    await settleEngine(engine, 0);
    clock.fireNext();
    const [last] = await store.readStreamBackwards('ordoExecution-loop.long', undefined, 1);
    revision = last?.revision ?? 0;
  }
  await settleEngine(engine, 0);
  const recordMs = Date.now() - recordStart;
  const replay = new ReplayService(store);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const at = 1 + Math.floor(Math.random() * revision);
    const t0 = process.hrtime.bigint();
    await replay.stateAt('loop', 'long', at);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number): number => Number(times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2));
  process.stdout.write(`${JSON.stringify({ workload: 'W4', events: revision + 1, samples, recordMs, stateAtMs: { p50: pct(0.5), p99: pct(0.99), max: pct(1) } })}\n`);
  await engine.close();
}

void main();
