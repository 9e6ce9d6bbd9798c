import type { Clock, TimerHandle } from '../ports/clock';

interface PendingTimer {
  readonly dueAt: number;
  readonly seq: number;
  readonly fire: () => void;
  cancelled: boolean;
}

/**
 * A clock whose time moves only when told to: `fireNext` jumps to the earliest pending timer and
 * fires it, so waits, retry delays and timeouts elapse instantly while timestamps stay consistent.
 * The one-shot runner calls it whenever the engine is idle.
 */
export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private pending: PendingTimer[] = [];

  constructor(start: number = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(dueAt: number, fire: () => void): TimerHandle {
    const timer: PendingTimer = { dueAt, seq: this.seq++, fire, cancelled: false };
    this.pending.push(timer);
    return { cancel: () => { timer.cancelled = true; } };
  }

  /** Number of timers armed and not cancelled. */
  pendingCount(): number {
    this.pending = this.pending.filter((t) => !t.cancelled);
    return this.pending.length;
  }

  /** Advances to the earliest pending timer (never backwards) and fires it; false when none is pending. */
  fireNext(): boolean {
    if (this.pendingCount() === 0) return false;
    let best = 0;
    for (let i = 1; i < this.pending.length; i++) {
      const t = this.pending[i];
      const b = this.pending[best];
      if (t.dueAt < b.dueAt || (t.dueAt === b.dueAt && t.seq < b.seq)) best = i;
    }
    const [timer] = this.pending.splice(best, 1);
    this.current = Math.max(this.current, timer.dueAt);
    timer.fire();
    return true;
  }

  /** Moves time forward by `ms` without firing anything (tests). */
  advanceBy(ms: number): void {
    this.current += ms;
  }
}
