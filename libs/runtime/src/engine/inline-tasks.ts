import { nextActions, type DispatchTaskIntent, type ExecutionCommand } from '@ordo/core';
import { runnerKindOf } from '../flows/resource-map';
import type { ExecutionState } from './execution-state';
import { LazyAbort } from './lazy-abort';
import { runTaskAttempt, type TaskDispatchDeps } from './task-dispatch';

/** A task attempt started by the inliner whose outcome was not ready within the turn. */
export interface RunningAttempt {
  readonly intent: DispatchTaskIntent;
  readonly state: ExecutionState;
  readonly outcome: Promise<ExecutionCommand | undefined>;
  readonly controller: LazyAbort;
}

/** What the inliner needs: task dispatch, plus where attempts go that outlive the turn. */
export interface InlineTaskDeps extends TaskDispatchDeps {
  /** Takes over an attempt that did not settle in time (records its outcome when it does). */
  adopt(attempt: RunningAttempt): void;
  /** True when the dispatcher already runs (or adopted) this intent. */
  isRunning(executionId: string, intentId: string): boolean;
}

type Settled = { readonly command: ExecutionCommand | undefined } | { readonly error: unknown };

/**
 * Local activities (docs/decisions/1001-inline-local-tasks.md): `local:` request/response tasks
 * that a state wants are run inside the command that scheduled them, and the outcomes of those that
 * settle before the event loop's next turn are decided into the same append. A step then costs no
 * durable commit of its own. Effects stay at-least-once: a crash before the append re-runs them.
 */
export class InlineTasks {
  constructor(private readonly deps: InlineTaskDeps) {}

  /** Starts the inlineable attempts `state` wants; returns the commands of those that settled in time. */
  async run(state: ExecutionState): Promise<ExecutionCommand[]> {
    const intents = this.inlineable(state);
    if (intents.length === 0) return [];
    const turn = nextTurn();
    const names = { flowName: state.flowName, executionName: state.executionName };
    const started = intents.map((intent) => {
      const controller = new LazyAbort();
      const outcome = runTaskAttempt(intent, names, this.deps, controller);
      const settled = outcome.then((command): Settled => ({ command }), (error: unknown): Settled => ({ error }));
      return { intent, controller, outcome, settled };
    });
    const commands: ExecutionCommand[] = [];
    for (const attempt of started) {
      const settled = await Promise.race([attempt.settled, turn]);
      if (settled !== undefined && 'command' in settled) {
        if (settled.command !== undefined) commands.push(settled.command);
      } else {
        this.deps.adopt({ intent: attempt.intent, state, outcome: attempt.outcome, controller: attempt.controller });
      }
    }
    return commands;
  }

  private inlineable(state: ExecutionState): DispatchTaskIntent[] {
    if (state.status !== 'Running') return [];
    const result: DispatchTaskIntent[] = [];
    for (const intent of nextActions(state)) {
      if (intent.kind !== 'DispatchTask' || intent.submitted || intent.pattern !== 'requestResponse') continue;
      const target = this.deps.resources.resolve(intent.resource);
      if (target === undefined || runnerKindOf(target) !== 'local') continue;
      if (this.deps.isRunning(intent.executionId, intent.id)) continue;
      result.push(intent);
    }
    return result;
  }
}

/** Resolves (with undefined) on the event loop's next turn, after every pending microtask. */
function nextTurn(): Promise<undefined> {
  return new Promise((resolve) => setImmediate(() => resolve(undefined)));
}
