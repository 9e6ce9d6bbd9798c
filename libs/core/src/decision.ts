import type { ExecutionEvent } from './events';

/** Why a command decided nothing: a duplicate, a stale or unknown token, a finished execution. */
export interface Rejection {
  /** Stable dotted code, e.g. `CORE.TASK_ALREADY_REPORTED`, `CORE.UNKNOWN_TASK`, `CORE.STALE_TIMER`. */
  readonly code: string;
  /** One sentence naming the task id, timer id, path or status involved. */
  readonly message: string;
}

/** What `decide` returns: the new events, or none with the reason the command was rejected. */
export interface Decision {
  readonly events: readonly ExecutionEvent[];
  readonly rejection?: Rejection;
}
