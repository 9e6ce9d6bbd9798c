import { nextActions, type DispatchTaskIntent, type ExecutionCommand, type Intent, type NotifyParentIntent, type StartTimerIntent } from '@ordo/core';
import type { Logger } from '../ports/logger';
import type { ActivityTracker } from './activity-tracker';
import { submitWithRetry, type CommandSink } from './command-sink';
import type { ExecutionState } from './execution-state';
import { dispatchFailureCommand, runTaskAttempt, type TaskDispatchDeps } from './task-dispatch';

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
  private closed = false;

  constructor(private readonly deps: IntentDispatcherDeps) {}

  /** Brings the effects of one execution in line with its state. */
  sync(executionId: string, state: ExecutionState): void {
    if (this.closed) return;
    const intents = nextActions(state);
    const current = this.active.get(executionId) ?? new Map<string, ActiveIntent>();
    const wanted = new Set<string>();
    for (const intent of intents) {
      wanted.add(intent.id);
      if (!current.has(intent.id)) current.set(intent.id, this.start(intent, state));
    }
    for (const [id, entry] of current) {
      if (!wanted.has(id)) { entry.cancel(); current.delete(id); }
    }
    if (current.size === 0 || state.status !== 'Running') this.active.delete(executionId);
    else this.active.set(executionId, current);
  }

  /** Number of executions with effects outstanding (armed timers, attempts in flight, parked tasks). */
  get executionsWithEffects(): number {
    return this.active.size;
  }

  /** Cancels everything and starts nothing more. */
  close(): void {
    this.closed = true;
    for (const entries of this.active.values()) for (const entry of entries.values()) entry.cancel();
    this.active.clear();
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
      const fire = (): ExecutionCommand => ({ type: 'FireTimer', now: this.deps.clock.now(), data: { timerId: intent.timerId } });
      this.submitDetached(intent.executionId, fire, { timerId: intent.timerId, purpose: intent.purpose });
    });
  }

  private dispatchTask(intent: DispatchTaskIntent, state: ExecutionState): ActiveIntent {
    const controller = new AbortController();
    const timeout = intent.timeoutAt === undefined ? undefined : this.deps.clock.schedule(intent.timeoutAt, () => controller.abort());
    const names = { flowName: state.flowName, executionName: state.executionName };
    const log = { executionId: intent.executionId, flow: state.flowName, step: intent.path, attempt: intent.attempt };
    const work = (async () => {
      try {
        const command = await runTaskAttempt(intent, names, this.deps, controller.signal);
        if (command !== undefined && !this.closed) {
          await submitWithRetry(this.deps.commands, intent.executionId, () => command, () => this.closed);
        }
      } catch (error) {
        if (controller.signal.aborted || this.closed) return;
        this.handleDispatchError(error, intent, log);
      } finally {
        timeout?.cancel();
      }
    })();
    void this.deps.taskActivity.track(work);
    return { cancel: () => { timeout?.cancel(); controller.abort(); } };
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
