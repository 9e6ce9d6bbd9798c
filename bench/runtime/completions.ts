import type { Engine, ExecutionState } from '@ordo/runtime';

/** Resolves per execution id when the engine records that the execution ended. */
export class Completions {
  private readonly waiting = new Map<string, (state: ExecutionState) => void>();
  private readonly ended = new Map<string, ExecutionState>();
  private readonly unsubscribe: () => void;
  /** Executions seen ending since creation. */
  count = 0;

  constructor(engine: Engine, private readonly keepEnded = false) {
    this.unsubscribe = engine.onExecutionUpdated((id, state) => {
      if (state.status === 'Running') return;
      this.count++;
      const resolve = this.waiting.get(id);
      if (resolve) { this.waiting.delete(id); resolve(state); } else if (this.keepEnded) this.ended.set(id, state);
    });
  }

  /** Resolves with the final state (register before starting, or construct with `keepEnded`). */
  wait(executionId: string): Promise<ExecutionState> {
    const done = this.ended.get(executionId);
    if (done) { this.ended.delete(executionId); return Promise.resolve(done); }
    return new Promise((resolve) => this.waiting.set(executionId, resolve));
  }

  close(): void {
    this.unsubscribe();
  }
}
