import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decide, evolve, fold, initialState, nextActions, type CompiledFlow, type ExecutionCommand,
  type ExecutionEvent, type ExecutionState, type StartTimerIntent, type DispatchTaskIntent,
} from '@ordo/core';
import { flowOf } from './support/flows';
import { cmd, T0 } from './support/commands';
import { flowText } from './support/random-flows';

const MAX_COMMANDS = 80;

/** Picks the next command from the pending intents (and some duplicates/stale ones) by `choice`. */
function nextCommand(state: ExecutionState, choice: number, now: number, used: { tasks: string[]; timers: string[] }): ExecutionCommand | undefined {
  const intents = nextActions(state);
  const tasks = intents.filter((i): i is DispatchTaskIntent => i.kind === 'DispatchTask');
  const timers = intents.filter((i): i is StartTimerIntent => i.kind === 'StartTimer').sort((a, b) => a.dueAt - b.dueAt);
  const options: (() => ExecutionCommand)[] = [];
  for (const t of tasks) {
    options.push(() => cmd.succeed(t.taskId, { r: choice % 7, item: null }, now));
    options.push(() => cmd.succeed(t.taskId, { r: 1 }, now));
    options.push(() => cmd.fail(t.taskId, ['E1', 'E2', 'Other'][choice % 3], 'boom', now));
    if (t.pattern === 'waitForCallback') options.push(() => cmd.submitted(t.taskId, now));
    options.push(() => cmd.heartbeat(t.taskId, now));
  }
  if (tasks.length > 0 && choice % 11 === 0) options.push(() => cmd.succeed(tasks[0].taskId, 'not an object', now));
  if (timers.length > 0) options.push(() => cmd.fire(timers[0].timerId, Math.max(now, timers[0].dueAt)));
  if (used.tasks.length > 0) options.push(() => cmd.succeed(used.tasks[choice % used.tasks.length], {}, now));
  if (used.timers.length > 0) options.push(() => cmd.fire(used.timers[choice % used.timers.length], now + 1e9));
  if (choice % 97 === 0) options.push(() => cmd.stop('Stopped', 'by test', now));
  if (options.length === 0) return undefined;
  return options[choice % options.length]();
}

const statuses = new Map<string, number>();

function runRandom(flow: CompiledFlow, choices: number[]): void {
  let state = initialState();
  const events: ExecutionEvent[] = [];
  const taskIds = new Set<string>();
  const timerIds = new Set<string>();
  const used = { tasks: [] as string[], timers: [] as string[] };
  let now = T0;
  let command: ExecutionCommand | undefined = cmd.start({ x: choices[0] % 2, items: choices.slice(1, 1 + (choices[1] % 4)) }, now);
  for (let i = 0; command !== undefined && i < MAX_COMMANDS; i++) {
    if (command.type === 'FireTimer') now = command.now;
    const decision = decide(command, state, flow);
    if (decision.rejection !== undefined) assert.equal(decision.events.length, 0);
    for (const e of decision.events) {
      state = evolve(state, e);
      events.push(e);
      assert.equal(state.revision, events.length - 1, 'revisions are consecutive');
      if (e.type === 'TaskScheduled') {
        assert.ok(!taskIds.has(e.data.taskId), `task id ${e.data.taskId} reused`);
        taskIds.add(e.data.taskId);
        used.tasks.push(e.data.taskId);
      }
      if (e.type === 'TimerStarted') {
        assert.ok(!timerIds.has(e.data.timerId), `timer id ${e.data.timerId} reused`);
        timerIds.add(e.data.timerId);
      }
      if (e.type === 'TimerFired') used.timers.push(e.data.timerId);
    }
    now += 1000;
    if (state.status !== 'Running') break;
    command = nextCommand(state, choices[(i + 2) % choices.length] + i, now, used);
  }
  statuses.set(state.status, (statuses.get(state.status) ?? 0) + 1);
  const refolded = fold(JSON.parse(JSON.stringify(events)) as ExecutionEvent[]);
  assert.deepEqual(refolded, state, 'folding the events from scratch reproduces the state');
  assert.deepEqual(nextActions(refolded), nextActions(state));
  if (state.status !== 'Running') assert.deepEqual(nextActions(state).filter((i) => i.kind !== 'NotifyParent'), []);
}

describe('property: random flows and outcomes', () => {
  test('fold reproduces state and intents; revisions are consecutive; ids are never reused', () => {
    fc.assert(
      fc.property(flowText, fc.array(fc.nat({ max: 1000 }), { minLength: 8, maxLength: 40 }), (text, choices) => {
        runRandom(flowOf(text), choices);
      }),
      { numRuns: 300 },
    );
    for (const status of ['Succeeded', 'Failed']) assert.ok((statuses.get(status) ?? 0) > 0, `no execution ended ${status}: ${JSON.stringify([...statuses])}`);
  });
});
