import type { RecordedEvent } from '@ordo/runtime';

/** One execution event before it gets a feed position. */
export interface HistoryEvent {
  readonly type: string;
  readonly at: string;
  readonly data: Record<string, unknown>;
}

/** A task attempt's outcome in a hand-written history. */
export type AttemptOutcome =
  | { readonly ok: true; readonly output: Record<string, unknown>; readonly ms: number }
  | { readonly ok: false; readonly error: string; readonly cause: string; readonly ms: number; readonly timedOut?: boolean };

/**
 * Writes realistic execution histories (the shapes of `@ordo/core`'s ExecutionEvent) for read-model
 * tests: every call appends the events the engine records for that step, advancing a fake clock.
 */
export class HistoryBuilder {
  readonly events: HistoryEvent[] = [];
  readonly executionId: string;
  private clock: number;

  constructor(readonly flowName: string, readonly executionName: string, startedAt: string) {
    this.executionId = `${flowName}.${executionName}`;
    this.clock = Date.parse(startedAt);
  }

  /** ExecutionStarted; `trigger` defaults to an API start. */
  started(input: Record<string, unknown> = {}, extra: { trigger?: object; parent?: object; deadlineAt?: string } = {}): this {
    return this.add('ExecutionStarted', 0, {
      executionId: this.executionId, executionName: this.executionName, flowName: this.flowName, flowVersion: 1,
      input, trigger: extra.trigger ?? { kind: 'api' }, decisionVersion: 1,
      ...(extra.parent ? { parent: extra.parent } : {}), ...(extra.deadlineAt ? { deadlineAt: extra.deadlineAt } : {}),
    });
  }

  /** A pass step that takes `ms` and outputs `output`. */
  pass(path: string, output: Record<string, unknown> = {}, ms = 1): this {
    this.enter(path, 'pass', { x: 1 });
    return this.add('StepSucceeded', ms, { path, output }).add('StepExited', 0, { path, local: output });
  }

  /** A task step with one entry per attempt; failures before the last are retried. */
  task(path: string, attempts: readonly AttemptOutcome[], taskIdPrefix = this.executionId): this {
    this.enter(path, 'task', { order: path });
    attempts.forEach((outcome, i) => {
      const attempt = i + 1;
      const taskId = `${taskIdPrefix}:${path}:${attempt}`;
      this.add('TaskScheduled', 0, { path, taskId, attempt, resource: { kind: 'local', ref: 'work' }, pattern: 'requestResponse', input: { a: attempt } });
      if (outcome.ok) { this.add('TaskSucceeded', outcome.ms, { path, taskId, attempt, output: outcome.output }); return; }
      this.add(outcome.timedOut ? 'TaskTimedOut' : 'TaskFailed', outcome.ms, { path, taskId, attempt, error: outcome.error, cause: outcome.cause });
      if (i < attempts.length - 1) {
        const timerId = `${taskId}:retry`;
        this.add('RetryScheduled', 0, { path, attempt, retrier: 0, delayMs: 1000, dueAt: this.iso(1000), timerId, error: outcome.error, cause: outcome.cause });
        this.add('TimerStarted', 0, { timerId, dueAt: this.iso(1000), purpose: 'retry', path });
        this.add('TimerFired', 1000, { timerId, purpose: 'retry', path });
      }
    });
    const last = attempts[attempts.length - 1];
    if (last.ok) this.add('StepSucceeded', 0, { path, output: { ...last.output, mapped: true } });
    else this.add('StepFailed', 0, { path, error: last.error, cause: last.cause });
    return this.add('StepExited', 0, { path, local: {} });
  }

  /** A parallel step whose branch `cancelIndex` is cancelled while its task `inner` runs. */
  parallelWithCancelledBranch(path: string, inner: string, cancelIndex: number): this {
    this.enter(path, 'parallel', {});
    this.add('BranchEntered', 0, { path, index: cancelIndex, input: {} });
    this.enter(`${path}/branch[${cancelIndex}]/${inner}`, 'task', {});
    this.add('BranchCancelled', 5, { path, index: cancelIndex, error: 'Boom' });
    return this.add('StepFailed', 0, { path, error: 'Boom', cause: 'branch failed' }).add('StepExited', 0, { path, local: {} });
  }

  succeeded(output: Record<string, unknown> = {}, ms = 1): this { return this.add('ExecutionSucceeded', ms, { output }); }
  failed(error: string, cause: string, ms = 1): this { return this.add('ExecutionFailed', ms, { error, cause }); }
  stopped(ms = 1): this { return this.add('ExecutionStopped', ms, { error: 'Stopped', cause: 'by operator' }); }
  timedOut(ms = 1): this { return this.add('ExecutionTimedOut', ms, { error: 'FnF.Timeout', cause: 'flow timeout' }); }

  /** Appends any event `ms` after the previous one. */
  add(type: string, ms: number, data: Record<string, unknown>): this {
    this.clock += ms;
    this.events.push({ type, at: new Date(this.clock).toISOString(), data });
    return this;
  }

  private enter(path: string, stepType: string, input: Record<string, unknown>): void {
    const name = path.slice(path.lastIndexOf('/') + 1);
    this.add('StepEntered', 0, { path, name, stepType, input, local: {} });
    this.add('StepStarted', 0, { path, input });
  }

  private iso(afterMs: number): string { return new Date(this.clock + afterMs).toISOString(); }
}

/**
 * Interleaves histories into one global feed (round robin, each execution's order kept) and
 * records them as the runtime does: core `data` unchanged, `at` in metadata, positions from 1.
 */
export function recordFeed(histories: readonly HistoryBuilder[], firstPosition = 1): RecordedEvent[] {
  const cursors = histories.map(() => 0);
  const feed: RecordedEvent[] = [];
  for (let progressed = true; progressed;) {
    progressed = false;
    histories.forEach((h, i) => {
      const event = h.events[cursors[i]];
      if (event === undefined) return;
      feed.push({
        streamId: `ordoExecution-${h.executionId}`, revision: cursors[i], position: firstPosition + feed.length,
        type: event.type, data: event.data, metadata: { at: event.at, eventId: `${h.executionId}:${cursors[i]}` },
        recordedAt: event.at,
      });
      cursors[i] += 1;
      progressed = true;
    });
  }
  return feed;
}

/** Splits a feed into batches of `size`. */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
