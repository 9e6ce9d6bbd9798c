import type { ExecutionEvent } from './events';
import { initialState, type ExecutionState } from './execution-state';
import { evolve } from './evolve';

/** Rebuilds state by applying events in order, from `state` (default: the initial state). */
export function fold(events: Iterable<ExecutionEvent>, state: ExecutionState = initialState()): ExecutionState {
  let current = state;
  for (const event of events) current = evolve(current, event);
  return current;
}
