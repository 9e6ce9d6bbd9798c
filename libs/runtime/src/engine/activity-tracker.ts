/**
 * Counts work in flight (commands, task attempts, notifications) so callers can wait until the
 * engine is idle: the one-shot runner advances its virtual clock only then, and tests use it to
 * wait for a condition instead of sleeping.
 */
export class ActivityTracker {
  private count = 0;
  private waiters: Array<() => void> = [];

  /** Runs `work` counted as in flight. */
  track<T>(work: Promise<T>): Promise<T> {
    this.count++;
    return work.finally(() => this.done());
  }

  get inFlight(): number {
    return this.count;
  }

  /** Resolves when nothing is in flight (at once if already idle). */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private done(): void {
    this.count--;
    if (this.count > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
