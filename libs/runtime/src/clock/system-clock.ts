import type { Clock, TimerHandle } from '../ports/clock';

/** setTimeout's limit (about 24.8 days); longer timers re-arm in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** The wall clock: `Date.now()` and `setTimeout`, with long delays split into steps. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  schedule(dueAt: number, fire: () => void): TimerHandle {
    let timeout: NodeJS.Timeout | undefined;
    let cancelled = false;
    const arm = (): void => {
      const delay = dueAt - Date.now();
      if (delay <= 0) {
        timeout = setTimeout(() => { if (!cancelled) fire(); }, 0);
        return;
      }
      timeout = setTimeout(() => { if (!cancelled) arm(); }, Math.min(delay, MAX_TIMEOUT_MS));
    };
    arm();
    return { cancel: () => { cancelled = true; if (timeout) clearTimeout(timeout); } };
  }
}
