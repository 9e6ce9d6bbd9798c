import type { RunnerKind, TaskRunner } from '../ports/task-runner';

/** Task runners keyed by kind (`local`, `http`, `kafka`, `flow`); a later lib plugs `kafka` in. */
export class TaskRunnerRegistry {
  private readonly runners = new Map<RunnerKind, TaskRunner>();

  register(kind: RunnerKind, runner: TaskRunner): this {
    this.runners.set(kind, runner);
    return this;
  }

  get(kind: RunnerKind): TaskRunner | undefined {
    return this.runners.get(kind);
  }

  has(kind: RunnerKind): boolean {
    return this.runners.has(kind);
  }
}
