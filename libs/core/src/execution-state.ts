import type { JsonObject, JsonValue } from './json';
import type { CompiledResource, StepType, TaskPattern } from './flow';
import type { TimerPurpose } from './events';
import type { ExecutionStateHeader } from './state';
import { emptyTaskSeqTable, type TaskSeqTable } from './task-seq';

/** Which kind of step list a scope runs: the flow, its `onTimeout` cleanup, or a child list. */
export type ScopeKind = 'flow' | 'cleanup' | 'branch' | 'iteration' | 'choice';

/**
 * One running step list. `route` locates the list in the compiled flow without storing the flow:
 * `[root, stepName, sub, stepName, sub, …]` where root is `'steps'` or `'onTimeout'` and `sub` is a
 * branch index, `0` for a foreach body, or a choice index / `'default'`.
 */
export interface ScopeFrame {
  readonly kind: ScopeKind;
  /** Path of the step that owns the scope (`''` for the flow and cleanup scopes). */
  readonly owner: string;
  /** Branch, iteration or choice index (`-1` for default, flow and cleanup scopes). */
  readonly index: number;
  readonly route: readonly (string | number)[];
  /** The "parent input" of the steps in this list; `null` for the flow scope until its first step. */
  readonly input: JsonValue;
  /** The outputs of the steps of this list merged so far. */
  readonly local: JsonObject;
}

interface FrameBase {
  readonly path: string;
  readonly name: string;
  /** Path of the scope the step runs in (`''` for top-level steps). */
  readonly scope: string;
  /** The step input after its inputMappings; `null` between StepEntered and StepStarted. */
  readonly input: JsonObject | null;
}

/**
 * A task step: the current (or, while a retry waits, the next) attempt and the per-retrier retry
 * counts. Its pending task is `tasks[path]`; its timers are `timers[timerKey(purpose, path)]`.
 */
export interface TaskFrame extends FrameBase {
  readonly type: 'task';
  readonly attempt: number;
  readonly retries: readonly number[];
}

/** A wait step; its timer is `timers[timerKey('wait', path)]`. */
export interface WaitFrame extends FrameBase {
  readonly type: 'wait';
}

export interface ChoiceFrame extends FrameBase {
  readonly type: 'choice';
  readonly branch: number | 'default' | 'none' | null;
}

/** A parallel or foreach step: one result slot per entered branch / iteration (in order). */
export interface FanOutFrame extends FrameBase {
  readonly type: 'parallel' | 'foreach';
  readonly results: readonly JsonValue[];
  readonly running: number;
}

export interface PlainFrame extends FrameBase {
  readonly type: 'pass' | 'succeed' | 'fail';
}

/** A step that has been entered and not yet exited. */
export type StepFrame = TaskFrame | WaitFrame | ChoiceFrame | FanOutFrame | PlainFrame;

/** A scheduled task attempt without a result: what `nextActions` turns into `DispatchTask`. */
export interface PendingTask {
  readonly taskId: string;
  readonly path: string;
  readonly stepName: string;
  readonly attempt: number;
  readonly resource: CompiledResource;
  readonly pattern: TaskPattern;
  readonly input: JsonObject;
  readonly serviceParams?: JsonObject;
  readonly timeoutAt?: number;
  readonly heartbeatSeconds?: number;
  readonly submitted: boolean;
}

/** A started timer that has neither fired nor been cancelled. `dueAt` is epoch ms. */
export interface PendingTimer {
  readonly timerId: string;
  readonly purpose: TimerPurpose;
  readonly path: string;
  readonly dueAt: number;
}

/**
 * How the last task attempt of a path ended, for precise rejections of late reports. `reported`
 * also stands for "still pending" (whether it is pending is read from `tasks`), so a report
 * changes no counter.
 */
export type TaskOutcome = 'reported' | 'timedOut' | 'cancelled';

const OUTCOMES: readonly TaskOutcome[] = ['reported', 'timedOut', 'cancelled'];

/**
 * Per step path, one number: `n × 4 + outcome`, where `n` counts the path's `TaskScheduled` events
 * (the `n` of task ids) and `outcome` indexes how its last attempt ended (a number, not an object,
 * so that bookkeeping allocates nothing).
 */
export type TaskSeq = number;

export function taskSeqOf(n: number, outcome: TaskOutcome): TaskSeq {
  return n * 4 + OUTCOMES.indexOf(outcome);
}

export function taskCount(seq: TaskSeq | undefined): number {
  return seq === undefined ? 0 : Math.floor(seq / 4);
}

export function taskOutcome(seq: TaskSeq): TaskOutcome {
  return OUTCOMES[seq % 4];
}

/**
 * Execution state: the public header plus the step tree, flat and keyed by path so that one event
 * touches only the entries it names (copy-on-write). Plain JSON; never mutated.
 */
export interface ExecutionState extends ExecutionStateHeader {
  /** True while the `onTimeout` cleanup steps run after a flow timeout. */
  readonly cleanup: boolean;
  readonly scopes: Readonly<Record<string, ScopeFrame>>;
  readonly steps: Readonly<Record<string, StepFrame>>;
  /** Pending task attempts keyed by step path (a path has at most one attempt in flight). */
  readonly tasks: Readonly<Record<string, PendingTask>>;
  /** Pending timers keyed by `timerKey(purpose, path)` (see paths.ts). */
  readonly timers: Readonly<Record<string, PendingTimer>>;
  /** Per path: see `TaskSeq`; read and write with `seqGet` / `seqSet`. */
  readonly taskSeq: TaskSeqTable;
  /** Number of `TimerStarted` events so far (the last segment of timer ids). */
  readonly timerSeq: number;
}

/** The state before any event: status `NotStarted`, revision -1. */
export function initialState(): ExecutionState {
  return {
    status: 'NotStarted', revision: -1, executionId: '', executionName: '', flowName: '',
    flowVersion: 0, decisionVersion: 0, input: {}, trigger: undefined, parent: undefined,
    startedAt: undefined, stoppedAt: undefined, deadlineAt: undefined, output: undefined,
    error: undefined, cause: undefined,
    cleanup: false, scopes: {}, steps: {}, tasks: {}, timers: {}, taskSeq: emptyTaskSeqTable(), timerSeq: 0,
  };
}

/** A writable shallow copy of a state: what `evolve` edits (the input state is never touched). */
export type StateDraft = { -readonly [K in keyof ExecutionState]: ExecutionState[K] };

/**
 * Shallow copy with every field listed (object spread is far slower on the hot path). Optional
 * header fields are always present, possibly `undefined`, so every state has the same shape.
 */
export function draftOf(s: ExecutionState): StateDraft {
  return {
    status: s.status, revision: s.revision, executionId: s.executionId, executionName: s.executionName,
    flowName: s.flowName, flowVersion: s.flowVersion, decisionVersion: s.decisionVersion, input: s.input,
    trigger: s.trigger, parent: s.parent, startedAt: s.startedAt, stoppedAt: s.stoppedAt,
    deadlineAt: s.deadlineAt, output: s.output, error: s.error, cause: s.cause,
    cleanup: s.cleanup, scopes: s.scopes, steps: s.steps, tasks: s.tasks, timers: s.timers,
    taskSeq: s.taskSeq, timerSeq: s.timerSeq,
  };
}
