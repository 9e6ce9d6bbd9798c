import assert from 'node:assert/strict';
import {
  decide, fold, nextActions, type CompiledFlow, type Decision, type ExecutionCommand,
  type ExecutionEvent, type ExecutionState, type Intent,
} from '@ordo/core';

/** An expected event: its type, and optionally a subset of its data that must match. */
export type Expected = string | { readonly type: string; readonly data?: Record<string, unknown> };

type History = readonly (ExecutionCommand | ExecutionEvent)[];

function isCommand(x: ExecutionCommand | ExecutionEvent): x is ExecutionCommand {
  return 'now' in x;
}

/** Applies past commands (decided, each must be accepted) and past events to build the state. */
function replay(flow: CompiledFlow, history: History): ExecutionState {
  let state = fold([]);
  for (const item of history) {
    if (!isCommand(item)) { state = fold([item], state); continue; }
    const d = decide(item, state, flow);
    assert.equal(d.rejection, undefined, `given ${item.type} was rejected: ${d.rejection?.message}`);
    state = fold(d.events, state);
  }
  return state;
}

function matchesSubset(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== 'object' || expected === null) return actual === expected;
  if (typeof actual !== 'object' || actual === null) return false;
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => matchesSubset(actual[i], e));
  return Object.entries(expected).every(([k, v]) => matchesSubset((actual as Record<string, unknown>)[k], v));
}

/** The outcome of `when`: assertions over the decision, and the state and intents after it. */
export class Then {
  readonly state: ExecutionState;
  constructor(readonly before: ExecutionState, readonly decision: Decision) {
    this.state = fold(decision.events, before);
  }
  get events(): readonly ExecutionEvent[] { return this.decision.events; }
  get intents(): Intent[] { return nextActions(this.state); }

  /** The decided events are exactly these, in order (types, plus data subsets where given). */
  then(expected: readonly Expected[]): this {
    assert.equal(this.decision.rejection, undefined, `unexpected rejection: ${this.decision.rejection?.message}`);
    assert.deepEqual(this.events.map((e) => e.type), expected.map((e) => (typeof e === 'string' ? e : e.type)));
    expected.forEach((e, i) => {
      if (typeof e !== 'string' && e.data !== undefined && !matchesSubset(this.events[i].data, e.data)) {
        assert.fail(`event ${i} (${e.type}) data ${JSON.stringify(this.events[i].data)} does not match ${JSON.stringify(e.data)}`);
      }
    });
    return this;
  }

  /** The command decided nothing, with this rejection code (and a message naming `mention`). */
  rejected(code: string, mention?: string): this {
    assert.deepEqual(this.events, []);
    assert.equal(this.decision.rejection?.code, code, this.decision.rejection?.message);
    if (mention !== undefined) assert.ok(this.decision.rejection?.message.includes(mention), this.decision.rejection?.message);
    return this;
  }

  /** The last event is this one (types, plus data subset). */
  endsWith(expected: Expected): this {
    const last = this.events[this.events.length - 1];
    const type = typeof expected === 'string' ? expected : expected.type;
    assert.equal(last?.type, type, `last event: ${JSON.stringify(last)}`);
    if (typeof expected !== 'string' && expected.data) assert.ok(matchesSubset(last.data, expected.data), JSON.stringify(last.data));
    return this;
  }
}

/** `given(flow, history).when(command).then([...])`: history items are past commands or events. */
export function given(flow: CompiledFlow, history: History = []): { when(command: ExecutionCommand): Then } {
  const state = replay(flow, history);
  return { when: (command) => new Then(state, decide(command, state, flow)) };
}
