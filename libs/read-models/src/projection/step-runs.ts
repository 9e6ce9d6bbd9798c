import type { StepRunRow, StepRunStatus } from '../model';
import type { ProjectableEvent } from '../projectable';
import { minuteOf } from '../metrics/window';
import type { RowChange } from './changes';
import { elapsedMs, json, metricPathOf, num, str, stepNameOf } from './fields';

/** Open step runs by path; the projection never mutates the map it is given. */
export type OpenRuns = ReadonlyMap<string, StepRunRow>;

interface RunResult {
  readonly openRuns: OpenRuns;
  readonly changes: RowChange[];
}

const TASK_OUTCOMES: Readonly<Record<string, StepRunStatus>> = {
  TaskSucceeded: 'Succeeded',
  TaskFailed: 'Failed',
  TaskSubmitFailed: 'Failed',
  TaskTimedOut: 'TimedOut',
};

const EXECUTION_ENDS = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionStopped']);

/**
 * Projects one event onto the `step_runs` view (one row per step attempt) and the step duration
 * histograms. `flowName` labels the duration samples.
 */
export function projectStepRuns(openRuns: OpenRuns, event: ProjectableEvent, flowName: string): RunResult {
  const path = str(event.data, 'path');
  if (EXECUTION_ENDS.has(event.type)) return cancelUnder(openRuns, '', event);
  if (path === null) return { openRuns, changes: [] };
  const run = openRuns.get(path);
  const outcome = TASK_OUTCOMES[event.type];
  if (outcome !== undefined) return run ? finish(openRuns, run, event, outcome, flowName) : none(openRuns);
  switch (event.type) {
    case 'StepEntered': return entered(openRuns, path, event);
    case 'StepStarted': return run ? put(openRuns, { ...run, input: json(event.data, 'input') }) : none(openRuns);
    case 'TaskScheduled': return taskScheduled(openRuns, path, run, event);
    case 'StepSucceeded': return run ? finish(openRuns, run, event, 'Succeeded', flowName) : none(openRuns);
    case 'StepFailed': return run ? stepFailed(openRuns, run, event, flowName) : none(openRuns);
    case 'StepExited': return exited(openRuns, path, run, event);
    case 'BranchCancelled': return branchCancelled(openRuns, path, event);
    default: return none(openRuns);
  }
}

function entered(openRuns: OpenRuns, path: string, event: ProjectableEvent): RunResult {
  const previous = openRuns.get(path);
  const closed = previous ? close(openRuns, previous) : { openRuns, changes: [] };
  const run: StepRunRow = {
    executionId: event.executionId, runId: event.revision, path,
    stepName: str(event.data, 'name') ?? stepNameOf(path), stepType: str(event.data, 'stepType') ?? 'unknown',
    attempt: 1, status: 'Running', input: json(event.data, 'input'), output: null, error: null, cause: null,
    enteredAt: event.at, finishedAt: null, durationMs: null, retries: 0, closed: false,
  };
  const opened = put(closed.openRuns, run);
  return { openRuns: opened.openRuns, changes: [...closed.changes, ...opened.changes] };
}

/** The first TaskScheduled of a step adopts its run; each later one (a retry) opens a new run. */
function taskScheduled(openRuns: OpenRuns, path: string, run: StepRunRow | undefined, event: ProjectableEvent): RunResult {
  const attempt = num(event.data, 'attempt') ?? 1;
  if (run !== undefined && run.finishedAt === null) return put(openRuns, { ...run, attempt });
  const closed = run ? close(openRuns, run) : { openRuns, changes: [] };
  const next: StepRunRow = {
    executionId: event.executionId, runId: event.revision, path,
    stepName: run?.stepName ?? stepNameOf(path), stepType: run?.stepType ?? 'task',
    attempt, status: 'Running', input: run?.input ?? json(event.data, 'input'), output: null, error: null, cause: null,
    enteredAt: event.at, finishedAt: null, durationMs: null, retries: run ? run.retries + 1 : 0, closed: false,
  };
  const opened = put(closed.openRuns, next);
  return { openRuns: opened.openRuns, changes: [...closed.changes, ...opened.changes] };
}

function finish(openRuns: OpenRuns, run: StepRunRow, event: ProjectableEvent, status: StepRunStatus, flowName: string): RunResult {
  const d = event.data;
  const failed = status !== 'Succeeded';
  const next: StepRunRow = {
    ...run, status,
    output: failed ? run.output : json(d, 'output'),
    error: failed ? str(d, 'error') : null,
    cause: failed ? str(d, 'cause') : null,
    finishedAt: run.finishedAt ?? event.at,
    durationMs: run.finishedAt === null ? elapsedMs(run.enteredAt, event.at) : run.durationMs,
  };
  const result = put(openRuns, next);
  return run.finishedAt === null ? withSample(result, next, flowName) : result;
}

function stepFailed(openRuns: OpenRuns, run: StepRunRow, event: ProjectableEvent, flowName: string): RunResult {
  return finish(openRuns, run, event, run.status === 'TimedOut' ? 'TimedOut' : 'Failed', flowName);
}

/** StepExited closes the step's run and cancels anything still open inside the step. */
function exited(openRuns: OpenRuns, path: string, run: StepRunRow | undefined, event: ProjectableEvent): RunResult {
  const inner = cancelUnder(openRuns, `${path}/`, event);
  if (run === undefined) return inner;
  const current = inner.openRuns.get(path) ?? run;
  const done = current.status === 'Running'
    ? { ...current, status: 'Succeeded' as const, finishedAt: event.at, durationMs: elapsedMs(current.enteredAt, event.at) }
    : current;
  const closed = close(inner.openRuns, done);
  return { openRuns: closed.openRuns, changes: [...inner.changes, ...closed.changes] };
}

function branchCancelled(openRuns: OpenRuns, path: string, event: ProjectableEvent): RunResult {
  const index = num(event.data, 'index');
  if (index === null) return none(openRuns);
  const branch = cancelUnder(openRuns, `${path}/branch[${index}]/`, event);
  return cancelUnder(branch.openRuns, `${path}/iteration[${index}]/`, event, branch.changes);
}

/** Closes every open run whose path starts with `prefix` ('' = all), cancelling those still running. */
function cancelUnder(openRuns: OpenRuns, prefix: string, event: ProjectableEvent, changes: RowChange[] = []): RunResult {
  let runs = openRuns;
  const out = [...changes];
  for (const run of openRuns.values()) {
    if (!run.path.startsWith(prefix)) continue;
    const ended = run.status === 'Running'
      ? { ...run, status: 'Cancelled' as const, finishedAt: event.at, durationMs: elapsedMs(run.enteredAt, event.at) }
      : run;
    const closed = close(runs, ended);
    runs = closed.openRuns;
    out.push(...closed.changes);
  }
  return { openRuns: runs, changes: out };
}

function close(openRuns: OpenRuns, run: StepRunRow): RunResult {
  const next = new Map(openRuns);
  next.delete(run.path);
  return { openRuns: next, changes: [{ kind: 'stepRun', row: { ...run, closed: true } }] };
}

function put(openRuns: OpenRuns, run: StepRunRow): RunResult {
  const next = new Map(openRuns);
  next.set(run.path, run);
  return { openRuns: next, changes: [{ kind: 'stepRun', row: run }] };
}

function withSample(result: RunResult, run: StepRunRow, flowName: string): RunResult {
  if (run.finishedAt === null || run.durationMs === null) return result;
  const sample = {
    flowName, path: metricPathOf(run.path), stepName: run.stepName,
    minute: minuteOf(run.finishedAt), durationMs: run.durationMs,
  };
  return { openRuns: result.openRuns, changes: [...result.changes, { kind: 'duration', sample }] };
}

function none(openRuns: OpenRuns): RunResult {
  return { openRuns, changes: [] };
}
