import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/event-store';
import { silentLogger, type Logger } from '../ports/logger';
import { SystemClock } from '../clock/system-clock';
import type { ExecutionStarter } from '../triggers/execution-starter';
import type { ScheduleConfig } from './schedule-config';
import { ScheduleRunner } from './schedule-runner';

export interface ScheduleServiceOptions {
  readonly store: EventStore;
  readonly starter: ExecutionStarter;
  readonly schedules: readonly ScheduleConfig[];
  /** The engine's clock (a virtual one in tests); default the system clock. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Delay before retrying after the store or engine failed; default 5 s. */
  readonly retryDelayMs?: number;
  /** Under `missedFires: skip`, a fire later than this counts as missed; default 60 s. */
  readonly lateToleranceMs?: number;
}

/**
 * Runs the configured cron schedules durably (see `ScheduleRunner`): fires are recorded in
 * `ordoSchedule-<name>` before their execution starts, so a restart never fires twice.
 */
export class ScheduleService {
  private readonly runners: ScheduleRunner[];

  constructor(options: ScheduleServiceOptions) {
    const deps = {
      store: options.store, starter: options.starter, clock: options.clock ?? new SystemClock(),
      logger: options.logger ?? silentLogger, retryDelayMs: options.retryDelayMs ?? 5000, lateToleranceMs: options.lateToleranceMs ?? 60_000,
    };
    this.runners = options.schedules.map((config) => new ScheduleRunner(config, deps));
  }

  /** Recovers every schedule (finishing an interrupted fire, applying the missed-fire policy) and arms its timer. */
  async start(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.start()));
  }

  /** Disarms every timer and waits for fires in progress. */
  async close(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.close()));
  }
}
