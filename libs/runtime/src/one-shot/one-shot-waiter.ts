import type { VirtualClock } from '../clock/virtual-clock';
import type { Engine } from '../engine/engine';
import type { ExecutionState } from '../engine/execution-state';
import { RuntimeError } from '../errors';

/**
 * Waits for a one-shot execution to end. With a virtual clock it advances time whenever the engine
 * is idle (no command, task attempt or notification in flight, and a macrotask turn has passed),
 * so timers fire in due order without real waiting.
 */
export class OneShotWaiter {
  private failure: unknown;
  private wake: () => void = () => {};

  constructor(private readonly clock: VirtualClock | undefined, private readonly timeoutSeconds: number | undefined) {}

  /** Ends the wait with `error` (a task that could not be run at all). */
  fail(error: unknown): void {
    this.failure ??= error;
    this.wake();
  }

  async waitForEnd(engine: Engine, executionId: string): Promise<ExecutionState> {
    let finished: ExecutionState | undefined;
    let timedOut = false;
    const stopListening = engine.onExecutionUpdated((id, state) => {
      if (id === executionId && state.status !== 'Running') finished = state;
      this.wake();
    });
    const guard = this.timeoutSeconds === undefined ? undefined
      : setTimeout(() => { timedOut = true; this.wake(); }, this.timeoutSeconds * 1000);
    try {
      for (;;) {
        if (this.failure !== undefined) throw this.failure;
        if (finished !== undefined) return finished;
        if (timedOut) throw new RuntimeError('RUNTIME.TIMEOUT', `The run did not finish within ${this.timeoutSeconds} s.`, { timeoutSeconds: this.timeoutSeconds });
        await this.step(engine);
      }
    } finally {
      stopListening();
      if (guard) clearTimeout(guard);
    }
  }

  private async step(engine: Engine): Promise<void> {
    const woken = new Promise<void>((resolve) => { this.wake = resolve; });
    if (this.clock === undefined) return woken;
    await settle(engine);
    if (this.failure !== undefined) return;
    if (!this.clock.fireNext()) await woken;
  }
}

async function settle(engine: Engine): Promise<void> {
  for (;;) {
    await engine.whenIdle();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (engine.inFlight === 0) return;
  }
}
