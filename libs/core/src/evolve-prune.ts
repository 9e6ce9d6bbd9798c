import type { ExecutionState, TaskSeq } from './execution-state';
import { drop, dropWhere } from './records';

const CANCELLED: TaskSeq['outcome'] = 'cancelled';

/**
 * Removes every scope, step frame, pending task and timer whose path lies under `prefix`
 * (a path followed by `/`). Cancelled tasks are marked so their late reports are told apart.
 */
export function pruneUnder(state: ExecutionState, prefix: string): ExecutionState {
  const under = (path: string): boolean => path.startsWith(prefix);
  let taskSeq = state.taskSeq;
  for (const id in state.tasks) {
    const task = state.tasks[id];
    if (under(task.path)) taskSeq = { ...taskSeq, [task.path]: { n: taskSeq[task.path].n, outcome: CANCELLED } };
  }
  return {
    ...state,
    scopes: dropWhere(state.scopes, under),
    steps: dropWhere(state.steps, under),
    tasks: dropWhere(state.tasks, (_id, task) => under(task.path)),
    timers: dropWhere(state.timers, (_id, timer) => under(timer.path)),
    taskSeq,
  };
}

/** Removes a scope and everything under it. */
export function pruneScope(state: ExecutionState, scope: string): ExecutionState {
  const pruned = pruneUnder(state, `${scope}/`);
  return { ...pruned, scopes: drop(pruned.scopes, scope) };
}

/** Ends everything still running: used when the execution reaches a terminal state. */
export function pruneAll(state: ExecutionState): ExecutionState {
  let taskSeq = state.taskSeq;
  for (const id in state.tasks) {
    const path = state.tasks[id].path;
    taskSeq = { ...taskSeq, [path]: { n: taskSeq[path].n, outcome: CANCELLED } };
  }
  return { ...state, scopes: {}, steps: {}, tasks: {}, timers: {}, taskSeq };
}
