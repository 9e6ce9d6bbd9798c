import type { EventOfType } from './events';
import type { FanOutFrame, ScopeFrame, StateDraft, StepFrame } from './execution-state';
import type { JsonObject, JsonValue } from './json';
import { branchScope, choiceScope, iterationScope, scopeOfStep } from './paths';
import { pruneScope, pruneUnder } from './evolve-prune';
import { copyChoice, copyFanOut, copyFrame, copyScope, newFrame } from './frames';
import { drop, put } from './records';

export function onStepEntered(d: StateDraft, e: EventOfType<'StepEntered'>): void {
  const { path, name, stepType } = e.data;
  const scopePath = scopeOfStep(path, name);
  const scope = d.scopes[scopePath];
  if (scope !== undefined && scope.input === null) {
    const copy = copyScope(scope);
    copy.input = e.data.input;
    d.scopes = put(d.scopes, scopePath, copy);
  }
  d.steps = put(d.steps, path, newFrame(path, name, stepType, scopePath));
}

export function onStepStarted(d: StateDraft, e: EventOfType<'StepStarted'>): void {
  const frame = copyFrame(d.steps[e.data.path]);
  frame.input = e.data.input;
  d.steps = put(d.steps, frame.path, frame);
}

export function onStepSucceeded(d: StateDraft, e: EventOfType<'StepSucceeded'>): void {
  const frame = d.steps[e.data.path];
  if (frame.type === 'choice' && frame.branch !== null && frame.branch !== 'none') {
    d.scopes = drop(d.scopes, choiceScope(frame.path, frame.branch));
  }
}

export function onStepFailed(d: StateDraft, e: EventOfType<'StepFailed'>): void {
  pruneUnder(d, `${e.data.path}/`);
}

export function onStepExited(d: StateDraft, e: EventOfType<'StepExited'>): void {
  const frame = d.steps[e.data.path];
  const scope = copyScope(d.scopes[frame.scope]);
  scope.local = e.data.local as JsonObject;
  d.steps = drop(d.steps, frame.path);
  d.scopes = put(d.scopes, frame.scope, scope);
}

/** A child scope of `frame`: its route extends the parent scope's route by the step name and `sub`. */
function childScope(
  d: StateDraft, frame: StepFrame, kind: ScopeFrame['kind'], sub: string | number, index: number, input: JsonValue,
): ScopeFrame {
  const route = d.scopes[frame.scope].route.concat([frame.name, sub]);
  return { kind, owner: frame.path, index, route, input, local: {} };
}

export function onChoiceEvaluated(d: StateDraft, e: EventOfType<'ChoiceEvaluated'>): void {
  const frame = copyChoice(d.steps[e.data.path] as StepFrame & { type: 'choice' });
  const branch = e.data.branch;
  frame.branch = branch;
  d.steps = put(d.steps, frame.path, frame);
  if (branch === 'none') return;
  const scope = childScope(d, frame, 'choice', branch, branch === 'default' ? -1 : branch, frame.input);
  d.scopes = put(d.scopes, choiceScope(frame.path, branch), scope);
}

function enterChild(d: StateDraft, path: string, index: number, input: JsonObject, kind: 'branch' | 'iteration'): void {
  const frame = copyFanOut(d.steps[path] as FanOutFrame);
  const scopePath = kind === 'branch' ? branchScope(path, index) : iterationScope(path, index);
  d.scopes = put(d.scopes, scopePath, childScope(d, frame, kind, kind === 'branch' ? index : 0, index, input));
  if (frame.results.length <= index) frame.results = frame.results.concat([null]);
  frame.running += 1;
  d.steps = put(d.steps, path, frame);
}

function exitChild(d: StateDraft, path: string, index: number, local: JsonObject, scopePath: string): void {
  const frame = copyFanOut(d.steps[path] as FanOutFrame);
  const results = frame.results.slice();
  results[index] = local;
  frame.results = results;
  frame.running -= 1;
  d.steps = put(d.steps, path, frame);
  d.scopes = drop(d.scopes, scopePath);
}

export function onBranchEntered(d: StateDraft, e: EventOfType<'BranchEntered'>): void {
  enterChild(d, e.data.path, e.data.index, e.data.input, 'branch');
}

export function onIterationEntered(d: StateDraft, e: EventOfType<'IterationEntered'>): void {
  enterChild(d, e.data.path, e.data.index, e.data.input, 'iteration');
}

export function onBranchExited(d: StateDraft, e: EventOfType<'BranchExited'>): void {
  exitChild(d, e.data.path, e.data.index, e.data.local, branchScope(e.data.path, e.data.index));
}

export function onIterationExited(d: StateDraft, e: EventOfType<'IterationExited'>): void {
  exitChild(d, e.data.path, e.data.index, e.data.local, iterationScope(e.data.path, e.data.index));
}

/** Cancels a running branch (parallel) or iteration (foreach: the index is the iteration's). */
export function onBranchCancelled(d: StateDraft, e: EventOfType<'BranchCancelled'>): void {
  const frame = d.steps[e.data.path] as FanOutFrame;
  const scopePath = frame.type === 'parallel' ? branchScope(frame.path, e.data.index) : iterationScope(frame.path, e.data.index);
  pruneScope(d, scopePath);
  const copy = copyFanOut(frame);
  copy.running -= 1;
  d.steps = put(d.steps, frame.path, copy);
}
