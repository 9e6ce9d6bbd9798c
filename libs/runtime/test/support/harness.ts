import { InMemoryEventStore, Engine, settleEngine, VirtualClock, type EngineOptions, type EventStore, type ExecutionDescription } from '@ordo/runtime';

/** Polls `condition` until it holds or the deadline passes (tests never sleep blindly). */
export async function waitFor<T>(condition: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** An engine on an in-memory store and a virtual clock, with helpers to drive time. */
export class Harness {
  readonly store: EventStore;
  readonly clock: VirtualClock;
  readonly engine: Engine;

  constructor(options: Partial<EngineOptions> = {}, store?: EventStore, clock?: VirtualClock) {
    this.store = store ?? new InMemoryEventStore();
    this.clock = clock ?? new VirtualClock(Date.parse('2026-01-01T00:00:00.000Z'));
    this.engine = new Engine({ store: this.store, clock: this.clock, checkpointIntervalMs: 0, tokenSecret: 'x'.repeat(32), ...options });
  }

  /** Waits until the engine is quiet; running task attempts get 20 ms of real time. */
  async settle(): Promise<void> {
    await settleEngine(this.engine, 20);
  }

  /** Fires the next pending timer (after settling); false when none is pending. */
  async fireNextTimer(): Promise<boolean> {
    await this.settle();
    const fired = this.clock.fireNext();
    await this.settle();
    return fired;
  }

  /** Settles and fires timers until the execution is no longer Running. */
  async runToEnd(flowName: string, executionName: string, maxTimers = 100): Promise<ExecutionDescription> {
    for (let i = 0; i <= maxTimers; i++) {
      await this.settle();
      const d = await this.engine.describeExecution(flowName, executionName);
      if (d.status !== 'Running') return d;
      if (!this.clock.fireNext()) return d;
    }
    throw new Error(`execution ${executionName} still running after ${maxTimers} timers`);
  }

  /** Event types of an execution's history, in order. */
  async eventTypes(flowName: string, executionName: string): Promise<string[]> {
    const page = await this.engine.executionHistory(flowName, executionName, { limit: 1000 });
    return page.events.map((e) => e.type);
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}

/** A flow text from lines (keeps test flows readable). */
export function fdl(...lines: string[]): string {
  return ['version: v1', 'type: flow', ...lines].join('\n');
}
