import type { JsonObject } from './json';
import type { ParentLink, TriggerInfo } from './events';

/** Lifecycle of an execution (SPEC Part B §9). `NotStarted` is the state before any event. */
export type ExecutionStatus = 'NotStarted' | 'Running' | 'Succeeded' | 'Failed' | 'TimedOut' | 'Stopped';

/**
 * Execution state as the reducer rebuilds it from events. It is plain JSON (so it can be
 * snapshotted, shown by replay and compared in tests) and is never mutated: `evolve` returns a
 * new value. The fields below are the public contract; the step-tree fields after them are the
 * core's own business.
 */
export interface ExecutionStateHeader {
  readonly status: ExecutionStatus;
  /** Revision (0-based) of the last applied event; -1 before any event. */
  readonly revision: number;
  readonly executionId: string;
  readonly executionName: string;
  readonly flowName: string;
  readonly flowVersion: number;
  readonly decisionVersion: number;
  readonly input: JsonObject;
  readonly trigger?: TriggerInfo;
  readonly parent?: ParentLink;
  readonly startedAt?: string;
  readonly stoppedAt?: string;
  readonly deadlineAt?: string;
  readonly output?: JsonObject;
  readonly error?: string;
  readonly cause?: string;
}
