import type { VirtualClock } from '../clock/virtual-clock';
import type { Engine } from '../engine/engine';
import { describeState, type ExecutionDescription } from '../engine/execution-description';
import { RuntimeError } from '../errors';

/** Real milliseconds a running task attempt may take before virtual time moves on without it. */
const DEFAULT_GRACE_MS = 100;

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

  async waitForEnd(engine: Engine, started: ExecutionDescription): Promise<ExecutionDescription> {
    let finished: ExecutionDescription | undefined = started.status === 'Running' ? undefined : started;
    let timedOut = false;
    const stopListening = engine.onExecutionUpdated((id, state) => {
      if (id === started.executionId && state.status !== 'Running') finished = describeState(state);
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
    await settleEngine(engine);
    if (this.failure !== undefined) return;
    if (!this.clock.fireNext()) await woken;
  }
}

/**
 * Waits until the engine is quiet (no command or notification in flight, a macrotask turn passed).
 * Task attempts still running get up to `graceMs` of real time to finish; after that, virtual time
 * may move on without them (so a hanging call meets its timeout).
 */
export async function settleEngine(engine: Engine, graceMs = DEFAULT_GRACE_MS): Promise<void> {
  for (;;) {
    await engine.whenQuiet();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (engine.inFlight === 0) return;
    if (engine.inFlight > engine.tasksRunning) continue;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      engine.whenTasksIdle().then(() => true),
      new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), graceMs); }),
    ]);
    clearTimeout(timer);
    if (!finished && engine.inFlight === engine.tasksRunning) return;
  }
}
