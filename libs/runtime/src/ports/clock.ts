/** A scheduled callback; `cancel` is idempotent. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * The only clock the runtime reads (ARCHITECTURE §1.3). `now` is epoch milliseconds; `schedule`
 * calls `fire` once, at or after `dueAt` (immediately when `dueAt` is in the past). A virtual clock
 * implements the same port for one-shot runs where waits elapse instantly.
 */
export interface Clock {
  now(): number;
  schedule(dueAt: number, fire: () => void): TimerHandle;
}
