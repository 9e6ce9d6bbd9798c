import type { ScopeFrame, StepFrame, TaskFrame, WaitFrame, ChoiceFrame, FanOutFrame, PlainFrame } from './execution-state';
import type { StepType } from './flow';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A new frame for a step that was just entered, shaped by its type. */
export function newFrame(path: string, name: string, type: StepType, scope: string): StepFrame {
  switch (type) {
    case 'task':
      return { path, name, scope, input: null, type, attempt: 1, retries: [] };
    case 'wait': return { path, name, scope, input: null, type };
    case 'choice': return { path, name, scope, input: null, type, branch: null };
    case 'parallel': case 'foreach': return { path, name, scope, input: null, type, results: [], running: 0 };
    default: return { path, name, scope, input: null, type };
  }
}

export function copyTask(f: TaskFrame): Writable<TaskFrame> {
  return {
    path: f.path, name: f.name, scope: f.scope, input: f.input, type: f.type, attempt: f.attempt, retries: f.retries,
  };
}

export function copyWait(f: WaitFrame): Writable<WaitFrame> {
  return { path: f.path, name: f.name, scope: f.scope, input: f.input, type: f.type };
}

export function copyChoice(f: ChoiceFrame): Writable<ChoiceFrame> {
  return { path: f.path, name: f.name, scope: f.scope, input: f.input, type: f.type, branch: f.branch };
}

export function copyFanOut(f: FanOutFrame): Writable<FanOutFrame> {
  return { path: f.path, name: f.name, scope: f.scope, input: f.input, type: f.type, results: f.results, running: f.running };
}

/** A writable copy of any frame. */
export function copyFrame(f: StepFrame): Writable<StepFrame> {
  switch (f.type) {
    case 'task': return copyTask(f);
    case 'wait': return copyWait(f);
    case 'choice': return copyChoice(f);
    case 'parallel': case 'foreach': return copyFanOut(f);
    default: return { path: f.path, name: f.name, scope: f.scope, input: f.input, type: f.type } as PlainFrame;
  }
}

export function copyScope(s: ScopeFrame): Writable<ScopeFrame> {
  return { kind: s.kind, owner: s.owner, index: s.index, route: s.route, input: s.input, local: s.local };
}
