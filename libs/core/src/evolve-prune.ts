import { taskCount, taskSeqOf, type StateDraft } from './execution-state';
import { drop, dropWhere } from './records';
import { seqGet, seqSet } from './task-seq';

/** Marks the pending tasks under `under` as cancelled, so their late reports are told apart. */
function cancelTasks(d: StateDraft, under: (path: string) => boolean): void {
  for (const path in d.tasks) {
    if (under(path)) d.taskSeq = seqSet(d.taskSeq, path, taskSeqOf(taskCount(seqGet(d.taskSeq, path)), 'cancelled'));
  }
}

/** Removes every scope, step frame, pending task and timer whose path starts with `prefix`. */
export function pruneUnder(d: StateDraft, prefix: string): void {
  const under = (path: string): boolean => path.startsWith(prefix);
  cancelTasks(d, under);
  d.scopes = dropWhere(d.scopes, under);
  d.steps = dropWhere(d.steps, under);
  d.tasks = dropWhere(d.tasks, (_id, task) => under(task.path));
  d.timers = dropWhere(d.timers, (_id, timer) => under(timer.path));
}

/** Removes a scope and everything under it. */
export function pruneScope(d: StateDraft, scope: string): void {
  pruneUnder(d, `${scope}/`);
  d.scopes = drop(d.scopes, scope);
}

/** Ends everything still running: used when the execution reaches a terminal state. */
export function pruneAll(d: StateDraft): void {
  cancelTasks(d, () => true);
  d.scopes = {};
  d.steps = {};
  d.tasks = {};
  d.timers = {};
}
