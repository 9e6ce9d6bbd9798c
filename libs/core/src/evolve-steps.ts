import type { EventOfType } from './events';
import type { ExecutionState, FanOutFrame, ScopeFrame, StepFrame } from './execution-state';
import type { JsonObject, JsonValue } from './json';
import { branchScope, choiceScope, iterationScope, scopeOfStep } from './paths';
import { pruneScope, pruneUnder } from './evolve-prune';
import { drop, put } from './records';

/** A new frame for a step that was just entered, shaped by its type. */
function newFrame(path: string, name: string, type: StepFrame['type'], scope: string): StepFrame {
  const base = { path, name, scope, input: null };
  switch (type) {
    case 'task':
      return { ...base, type, attempt: 0, retries: [], taskId: null, timeoutTimerId: null, heartbeatTimerId: null, retryTimerId: null };
    case 'wait': return { ...base, type, timerId: null };
    case 'choice': return { ...base, type, branch: null };
    case 'parallel': case 'foreach': return { ...base, type, results: [], running: 0 };
    default: return { ...base, type };
  }
}

export function onStepEntered(state: ExecutionState, e: EventOfType<'StepEntered'>): ExecutionState {
  const { path, name, stepType } = e.data;
  const scopePath = scopeOfStep(path, name);
  const scope = state.scopes[scopePath];
  const scopes = scope !== undefined && scope.input === null
    ? put(state.scopes, scopePath, { ...scope, input: e.data.input })
    : state.scopes;
  return { ...state, scopes, steps: put(state.steps, path, newFrame(path, name, stepType, scopePath)) };
}

export function onStepStarted(state: ExecutionState, e: EventOfType<'StepStarted'>): ExecutionState {
  const frame = state.steps[e.data.path];
  return { ...state, steps: put(state.steps, frame.path, { ...frame, input: e.data.input }) };
}

export function onStepSucceeded(state: ExecutionState, e: EventOfType<'StepSucceeded'>): ExecutionState {
  const frame = state.steps[e.data.path];
  if (frame.type !== 'choice' || typeof frame.branch !== 'number' && frame.branch !== 'default') return state;
  return { ...state, scopes: drop(state.scopes, choiceScope(frame.path, frame.branch)) };
}

export function onStepFailed(state: ExecutionState, e: EventOfType<'StepFailed'>): ExecutionState {
  return pruneUnder(state, `${e.data.path}/`);
}

export function onStepExited(state: ExecutionState, e: EventOfType<'StepExited'>): ExecutionState {
  const frame = state.steps[e.data.path];
  const scope = state.scopes[frame.scope];
  return {
    ...state,
    steps: drop(state.steps, frame.path),
    scopes: put(state.scopes, frame.scope, { ...scope, local: e.data.local as JsonObject }),
  };
}

/** A child scope of `frame`: its route extends the parent scope's route by the step name and `sub`. */
function childScope(
  state: ExecutionState, frame: StepFrame, kind: ScopeFrame['kind'], sub: string | number, index: number, input: JsonValue,
): ScopeFrame {
  const route = [...state.scopes[frame.scope].route, frame.name, sub];
  return { kind, owner: frame.path, index, route, input, local: {} };
}

export function onChoiceEvaluated(state: ExecutionState, e: EventOfType<'ChoiceEvaluated'>): ExecutionState {
  const frame = state.steps[e.data.path];
  const branch = e.data.branch;
  const steps = put(state.steps, frame.path, { ...frame, branch } as StepFrame);
  if (branch === 'none') return { ...state, steps };
  const scope = childScope(state, frame, 'choice', branch, branch === 'default' ? -1 : branch, frame.input);
  return { ...state, steps, scopes: put(state.scopes, choiceScope(frame.path, branch), scope) };
}

function enterChild(state: ExecutionState, path: string, index: number, input: JsonObject, kind: 'branch' | 'iteration'): ExecutionState {
  const frame = state.steps[path] as FanOutFrame;
  const scopePath = kind === 'branch' ? branchScope(path, index) : iterationScope(path, index);
  const scope = childScope(state, frame, kind, kind === 'branch' ? index : 0, index, input);
  const results = frame.results.length > index ? frame.results : [...frame.results, null];
  return {
    ...state,
    steps: put(state.steps, path, { ...frame, results, running: frame.running + 1 }),
    scopes: put(state.scopes, scopePath, scope),
  };
}

function exitChild(state: ExecutionState, path: string, index: number, local: JsonObject, scopePath: string): ExecutionState {
  const frame = state.steps[path] as FanOutFrame;
  const results = frame.results.slice();
  results[index] = local;
  return {
    ...state,
    steps: put(state.steps, path, { ...frame, results, running: frame.running - 1 }),
    scopes: drop(state.scopes, scopePath),
  };
}

export function onBranchEntered(state: ExecutionState, e: EventOfType<'BranchEntered'>): ExecutionState {
  return enterChild(state, e.data.path, e.data.index, e.data.input, 'branch');
}

export function onIterationEntered(state: ExecutionState, e: EventOfType<'IterationEntered'>): ExecutionState {
  return enterChild(state, e.data.path, e.data.index, e.data.input, 'iteration');
}

export function onBranchExited(state: ExecutionState, e: EventOfType<'BranchExited'>): ExecutionState {
  return exitChild(state, e.data.path, e.data.index, e.data.local, branchScope(e.data.path, e.data.index));
}

export function onIterationExited(state: ExecutionState, e: EventOfType<'IterationExited'>): ExecutionState {
  return exitChild(state, e.data.path, e.data.index, e.data.local, iterationScope(e.data.path, e.data.index));
}

/** Cancels a running branch (parallel) or iteration (foreach: the index is the iteration's). */
export function onBranchCancelled(state: ExecutionState, e: EventOfType<'BranchCancelled'>): ExecutionState {
  const frame = state.steps[e.data.path] as FanOutFrame;
  const scopePath = frame.type === 'parallel' ? branchScope(frame.path, e.data.index) : iterationScope(frame.path, e.data.index);
  const pruned = pruneScope(state, scopePath);
  return { ...pruned, steps: put(pruned.steps, frame.path, { ...frame, running: frame.running - 1 }) };
}
