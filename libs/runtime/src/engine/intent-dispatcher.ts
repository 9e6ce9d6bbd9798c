import { nextActions, type DispatchTaskIntent, type ExecutionCommand, type Intent, type NotifyParentIntent, type StartTimerIntent, type TimerPurpose } from '@ordo/core';
import type { Logger } from '../ports/logger';
import type { ActivityTracker } from './activity-tracker';
import { AwaitedChildren, stopChildCommand } from './awaited-children';
import { LazyAbort } from './lazy-abort';
import { submitWithRetry, type CommandSink } from './command-sink';
import type { ExecutionState } from './execution-state';
import type { RunningAttempt } from './inline-tasks';
import { dispatchFailureCommand, runTaskAttempt, type TaskDispatchDeps } from './task-dispatch';

/** One timer as it fired: how late (clock time at firing minus its due time) and why it was armed. */
export interface FiredTimer {
  readonly executionId: string;
  readonly purpose: TimerPurpose;
  /** Clock time when the timer fired minus its due time, in milliseconds (never negative). */
  readonly lagMs: number;
}

/** What the dispatcher needs besides running tasks. */
export interface IntentDispatcherDeps extends TaskDispatchDeps {
  readonly commands: CommandSink;
  /** Counts timer firings and notifications. */
  readonly activity: ActivityTracker;
  /** Counts task attempts (a virtual clock may move on while a slow attempt runs). */
  readonly taskActivity: ActivityTracker;
  readonly logger: Logger;
  /**
   * Called when a task cannot be run at all (no handler, no runner, unmapped resource). The default
   * records the task as failed with `FnF.RuntimeError`; the one-shot runner ends the run instead.
   */
  readonly onDispatchError?: (error: unknown, intent: DispatchTaskIntent) => void;
  /** Called when an armed timer fires, before its FireTimer command is submitted (metrics); must not throw. */
  readonly onTimerFired?: (fired: FiredTimer) => void;
}

/** Something started for an intent that can be called off. */
interface ActiveIntent {
  cancel(): void;
}

const NOTHING: ActiveIntent = { cancel() {} };

/**
 * Turns `nextActions(state)` into effects. The core returns every outstanding intent each time, so
 * the dispatcher keeps, per execution, the intents it has already started (by their deterministic
 * id): new ids are started, ids that disappeared are cancelled (timers disarmed, task attempts
 * aborted). This in-memory map is the rebuildable timers index: recovery fills it again.
 */
export class IntentDispatcher {
  private readonly active = new Map<string, Map<string, ActiveIntent>>();
  /** Attempts started inline that outlived their command, by intent id, until `sync` takes them. */
  private readonly adopted = new Map<string, ActiveIntent>();
  /** Children that submitted flow tasks wait for: stopped when their task goes away. */
  private readonly children: AwaitedChildren;
  private closed = false;

  constructor(private readonly deps: IntentDispatcherDeps) {
    this.children = new AwaitedChildren(deps.resources);
  }

  /** Brings the effects of one execution in line with its state. */
  sync(executionId: string, state: ExecutionState): void {
    if (this.closed) return;
    const intents = nextActions(state);
    const current = this.active.get(executionId) ?? new Map<string, ActiveIntent>();
    const wanted = new Set<string>();
    for (const intent of intents) {
      if (intent.kind === 'DispatchTask' && intent.submitted) {
        // A parked callback has nothing to run or cancel here; its finished attempt is not retained.
        current.delete(intent.id);
        continue;
      }
      wanted.add(intent.id);
      if (!current.has(intent.id)) current.set(intent.id, this.takeAdopted(intent.id) ?? this.start(intent, state));
    }
    for (const [id, entry] of current) {
      if (!wanted.has(id)) { entry.cancel(); current.delete(id); }
    }
    if (current.size === 0 || state.status !== 'Running') this.active.delete(executionId);
    else this.active.set(executionId, current);
    for (const [taskId, childId] of this.children.update(executionId, intents)) this.stopChild(childId, state, taskId);
  }

  /** Stops a child its parent no longer waits for (a finished child rejects the stop: a no-op). */
  private stopChild(childId: string, parent: ExecutionState, taskId: string): void {
    this.submitDetached(childId, () => stopChildCommand(parent, taskId, this.deps.clock.now()), { parentExecutionId: parent.executionId, taskId });
  }

  /** Number of executions with effects outstanding (armed timers, attempts in flight, parked tasks). */
  get executionsWithEffects(): number {
    return this.active.size;
  }

  /** Cancels the effects of the executions `released` selects (ownership moved away); returns their ids. */
  releaseWhere(released: (executionId: string) => boolean): string[] {
    this.children.forgetWhere(released);
    const ids = [...this.active.keys()].filter(released);
    for (const id of ids) {
      for (const entry of this.active.get(id)?.values() ?? []) entry.cancel();
      this.active.delete(id);
    }
    return ids;
  }

  /** Cancels everything and starts nothing more. */
  close(): void {
    this.closed = true;
    for (const entries of this.active.values()) for (const entry of entries.values()) entry.cancel();
    this.active.clear();
    for (const entry of this.adopted.values()) entry.cancel();
    this.adopted.clear();
    this.children.clear();
  }

  /** True when an attempt for this intent is already running here (dispatched or adopted). */
  isRunning(executionId: string, intentId: string): boolean {
    return this.adopted.has(intentId) || this.active.get(executionId)?.has(intentId) === true;
  }

  /**
   * Takes over an attempt the inliner started that did not settle within its command: its outcome
   * is recorded like a dispatched attempt's, and the next `sync` wanting its id will not start it again.
   */
  adopt(attempt: RunningAttempt): void {
    if (this.closed) { attempt.controller.abort(); return; }
    this.adopted.set(attempt.intent.id, this.track(attempt.intent, attempt.state, attempt.controller, () => attempt.outcome));
  }

  private takeAdopted(intentId: string): ActiveIntent | undefined {
    const entry = this.adopted.get(intentId);
    if (entry !== undefined) this.adopted.delete(intentId);
    return entry;
  }

  private start(intent: Intent, state: ExecutionState): ActiveIntent {
    switch (intent.kind) {
      case 'StartTimer': return this.armTimer(intent);
      case 'DispatchTask': return intent.submitted ? NOTHING : this.dispatchTask(intent, state);
      case 'NotifyParent': this.notifyParent(intent); return NOTHING;
    }
  }

  private armTimer(intent: StartTimerIntent): ActiveIntent {
    return this.deps.clock.schedule(intent.dueAt, () => {
      const lagMs = Math.max(0, this.deps.clock.now() - intent.dueAt);
      this.deps.onTimerFired?.({ executionId: intent.executionId, purpose: intent.purpose, lagMs });
      const fire = (): ExecutionCommand => ({ type: 'FireTimer', now: this.deps.clock.now(), data: { timerId: intent.timerId } });
      this.submitDetached(intent.executionId, fire, { timerId: intent.timerId, purpose: intent.purpose });
    });
  }

  private dispatchTask(intent: DispatchTaskIntent, state: ExecutionState): ActiveIntent {
    const controller = new LazyAbort();
    const names = { flowName: state.flowName, executionName: state.executionName };
    return this.track(intent, state, controller, () => runTaskAttempt(intent, names, this.deps, controller));
  }

  /** Records the outcome of a running attempt (dispatched here or adopted from the inliner). */
  private track(
    intent: DispatchTaskIntent, state: ExecutionState, controller: LazyAbort, attempt: () => Promise<ExecutionCommand | undefined>,
  ): ActiveIntent {
    let finished = false;
    const timeout = intent.timeoutAt === undefined ? undefined : this.deps.clock.schedule(intent.timeoutAt, () => controller.abort());
    const log = { executionId: intent.executionId, flow: state.flowName, step: intent.path, attempt: intent.attempt };
    // A finished attempt is not aborted when its intent goes away: nobody listens any more.
    const entry: ActiveIntent = { cancel: () => { timeout?.cancel(); if (!finished) controller.abort(); } };
    const work = (async () => {
      try {
        const command = await attempt();
        if (command !== undefined && !this.closed) {
          await submitWithRetry(this.deps.commands, intent.executionId, () => command, () => this.closed);
        }
      } catch (error) {
        if (controller.aborted || this.closed) return;
        this.handleDispatchError(error, intent, log);
      } finally {
        finished = true;
        timeout?.cancel();
        if (this.adopted.get(intent.id) === entry) this.adopted.delete(intent.id);
      }
    })();
    void this.deps.taskActivity.track(work);
    return entry;
  }

  private handleDispatchError(error: unknown, intent: DispatchTaskIntent, log: Record<string, unknown>): void {
    if (this.deps.onDispatchError) {
      this.deps.onDispatchError(error, intent);
      return;
    }
    this.deps.logger.error('task could not be run; recording it as failed', { ...log, error: String(error) });
    this.submitDetached(intent.executionId, () => dispatchFailureCommand(intent, error, this.deps.clock.now()), log);
  }

  private notifyParent(intent: NotifyParentIntent): void {
    const { parent } = intent;
    const report = (): ExecutionCommand => intent.status === 'Succeeded'
      ? { type: 'ReportTaskSucceeded', now: this.deps.clock.now(), data: { taskId: parent.taskId, output: intent.output ?? {} } }
      : { type: 'ReportTaskFailed', now: this.deps.clock.now(), data: { taskId: parent.taskId, error: intent.error ?? `FnF.${intent.status}`, cause: intent.cause ?? '' } };
    this.submitDetached(parent.executionId, report, { executionId: parent.executionId, childOf: parent.taskId });
  }

  private submitDetached(executionId: string, make: () => ExecutionCommand, log: Record<string, unknown>): void {
    if (this.closed) return;
    const work = submitWithRetry(this.deps.commands, executionId, make, () => this.closed).then(
      (result) => {
        if (result.rejection) this.deps.logger.debug('command rejected', { executionId, ...log, code: result.rejection.code });
      },
      (error: unknown) => {
        if (!this.closed) this.deps.logger.error('command failed', { executionId, ...log, error: String(error) });
      },
    );
    void this.deps.activity.track(work);
  }
}
