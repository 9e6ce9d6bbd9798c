import type { AuditEventView } from '../query.port';

/** A step attempt as the timeline needs it (a subset of the `step_runs` row). */
export interface TimelineStepRun {
  readonly path: string;
  readonly stepName: string;
  readonly stepType: string;
  readonly attempt: number;
  readonly status: string;
  readonly enteredAt: string;
  readonly finishedAt: string | null;
}

/** One bar of the Gantt chart. */
export interface TimelineEntry {
  readonly path: string;
  readonly stepName: string;
  readonly kind: 'Step' | 'Branch' | 'Iteration' | 'TaskAttempt' | 'Wait';
  readonly attempt: number | null;
  readonly start: string;
  readonly end: string | null;
  readonly status: string;
  readonly parentPath: string | null;
}

const SCOPE_EVENTS = new Set(['BranchEntered', 'BranchExited', 'BranchCancelled', 'IterationEntered', 'IterationExited']);

/**
 * Builds the Gantt bars of an execution: one per step (a task step spans its attempts, each
 * attempt is a TaskAttempt bar under it; wait steps are Wait bars), one per parallel branch and
 * foreach iteration (from the scope events). Bars are ordered by start time, parents first.
 */
export function buildTimeline(runs: readonly TimelineStepRun[], scopeEvents: readonly AuditEventView[]): TimelineEntry[] {
  const entries = [...stepEntries(runs), ...scopeEntries(scopeEvents)];
  return entries.sort((a, b) => a.start.localeCompare(b.start) || a.path.length - b.path.length || (a.attempt ?? 0) - (b.attempt ?? 0));
}

/** The path of the enclosing step, branch or iteration; null at the top level. */
export function parentPathOf(path: string): string | null {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? null : path.slice(0, slash);
}

/** Event types the timeline needs besides step runs. */
export const TIMELINE_EVENT_TYPES: readonly string[] = [...SCOPE_EVENTS];

function stepEntries(runs: readonly TimelineStepRun[]): TimelineEntry[] {
  const byStep = new Map<string, TimelineStepRun[]>();
  const order: string[] = [];
  for (const run of runs) {
    const key = `${run.path}\u0000${run.enteredAt}`;
    const sameStep = run.stepType === 'task' && run.attempt > 1 ? lastTaskKey(byStep, order, run.path) : undefined;
    const group = sameStep ?? key;
    if (!byStep.has(group)) { byStep.set(group, []); order.push(group); }
    byStep.get(group)?.push(run);
  }
  return order.flatMap((key) => stepBars(byStep.get(key) ?? []));
}

function lastTaskKey(byStep: Map<string, TimelineStepRun[]>, order: readonly string[], path: string): string | undefined {
  for (let i = order.length - 1; i >= 0; i--) if (byStep.get(order[i])?.[0]?.path === path) return order[i];
  return undefined;
}

function stepBars(attempts: readonly TimelineStepRun[]): TimelineEntry[] {
  const first = attempts[0];
  const last = attempts[attempts.length - 1];
  const parentPath = parentPathOf(first.path);
  const step: TimelineEntry = {
    path: first.path, stepName: first.stepName, kind: first.stepType === 'wait' ? 'Wait' : 'Step', attempt: null,
    start: first.enteredAt, end: last.finishedAt, status: last.status, parentPath,
  };
  if (first.stepType !== 'task') return [step];
  const bars = attempts.map((a): TimelineEntry => ({
    path: a.path, stepName: a.stepName, kind: 'TaskAttempt', attempt: a.attempt, start: a.enteredAt, end: a.finishedAt, status: a.status, parentPath: a.path,
  }));
  return [step, ...bars];
}

function scopeEntries(events: readonly AuditEventView[]): TimelineEntry[] {
  const open = new Map<string, TimelineEntry>();
  const done: TimelineEntry[] = [];
  for (const event of events) {
    if (!SCOPE_EVENTS.has(event.type)) continue;
    const isBranch = event.type.startsWith('Branch');
    const label = `${isBranch ? 'branch' : 'iteration'}[${String(event.detail.index)}]`;
    const path = `${event.path}/${label}`;
    if (event.type.endsWith('Entered')) {
      open.set(path, { path, stepName: label, kind: isBranch ? 'Branch' : 'Iteration', attempt: null, start: event.time, end: null, status: 'Running', parentPath: event.path });
      continue;
    }
    const entry = open.get(path);
    if (entry === undefined) continue;
    open.delete(path);
    done.push({ ...entry, end: event.time, status: event.type === 'BranchCancelled' ? 'Cancelled' : 'Succeeded' });
  }
  return [...done, ...open.values()];
}
