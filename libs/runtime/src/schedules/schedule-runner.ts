import type { Clock, TimerHandle } from '../ports/clock';
import type { EventStore } from '../ports/event-store';
import type { Logger } from '../ports/logger';
import { isStoreError } from '../ports/store-error';
import { isRuntimeError, type RuntimeError } from '../errors';
import type { ExecutionStarter } from '../triggers/execution-starter';
import { CronSchedule } from './cron-schedule';
import type { ScheduleConfig } from './schedule-config';
import {
  appendScheduleEvent, readScheduleHistory, scheduledExecutionName, scheduleSource,
  type ScheduleFiredData, type ScheduleHistory,
} from './schedule-history';

/** What one schedule's runner needs. */
export interface ScheduleRunnerDeps {
  readonly store: EventStore;
  readonly starter: ExecutionStarter;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Delay before retrying a start that failed for a passing reason (store or engine unavailable). */
  readonly retryDelayMs: number;
  /** A fire this late (ms) counts as missed under the `skip` policy. */
  readonly lateToleranceMs: number;
}

/** Most missed fire times counted for `missedFires` (the count is informative only). */
const MAX_COUNTED_MISSES = 10_000;

/**
 * Runs one schedule durably. Each fire is first recorded as `ScheduleFired` in
 * `ordoSchedule-<name>` (guarded by the stream revision, so two processes never both record it),
 * then the execution `<name>-<fire time>` is started; recovery re-starts the last recorded fire
 * under the same name, which is idempotent. Ticks run one at a time.
 */
export class ScheduleRunner {
  private readonly cron: CronSchedule;
  private history: ScheduleHistory = { revision: -1, lastFireFailed: false };
  /** Whether the last recorded fire's execution is known to exist (false after a passing failure). */
  private lastFireStarted = false;
  private timer?: TimerHandle;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(readonly config: ScheduleConfig, private readonly deps: ScheduleRunnerDeps) {
    this.cron = new CronSchedule(config.cron, config.timezone);
  }

  /** Loads the stream, registers the schedule if new or changed, finishes an interrupted fire, and arms the next one. */
  start(): Promise<void> {
    return this.serialize(async () => {
      await this.reload();
      await this.register();
      await this.tick();
    });
  }

  /** Cancels the timer and waits for a tick in progress. */
  async close(): Promise<void> {
    this.closed = true;
    this.timer?.cancel();
    await this.chain;
  }

  private serialize(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work, work);
    this.chain = next.catch((error: unknown) => {
      this.deps.logger.error('schedule tick failed; retrying later', { schedule: this.config.name, error: String(error) });
      this.arm(this.deps.clock.now() + this.deps.retryDelayMs);
    });
    return next;
  }

  private async reload(): Promise<void> {
    this.history = await readScheduleHistory(this.deps.store, this.config.name);
    this.lastFireStarted = false;
  }

  private async register(): Promise<void> {
    const current = this.history.registration;
    if (current && current.cron === this.config.cron && current.timezone === this.config.timezone) return;
    const data = { cron: this.config.cron, timezone: this.config.timezone, registeredAt: new Date(this.deps.clock.now()).toISOString() };
    await this.append('ScheduleRegistered', data);
    this.history = { ...this.history, registration: data };
  }

  /** Fires what is due (per the missed-fire policy), then arms the timer for the next fire time. */
  private async tick(): Promise<void> {
    if (this.closed) return;
    if (!this.lastFireStarted) await this.ensureLastFireStarted();
    const now = this.deps.clock.now();
    const anchor = this.anchor();
    const due = this.cron.lastAtOrBefore(now);
    if (due > anchor) {
      const late = now - due > this.deps.lateToleranceMs;
      const missed = this.cron.countBetween(anchor, due, MAX_COUNTED_MISSES);
      if (this.config.missedFires === 'skip' && late) {
        this.deps.logger.warn('schedule skipped missed fires', { schedule: this.config.name, missed: missed + 1, latest: new Date(due).toISOString() });
      } else {
        await this.fire(due, missed);
      }
    }
    this.arm(this.cron.nextAfter(Math.max(now, this.anchor())));
  }

  private arm(dueAt: number): void {
    if (this.closed) return;
    this.timer?.cancel();
    this.timer = this.deps.clock.schedule(dueAt, () => { void this.serialize(() => this.tick()).catch(() => undefined); });
  }

  private async fire(fireAt: number, missedFires: number): Promise<void> {
    const data: ScheduleFiredData = {
      fireAt: new Date(fireAt).toISOString(), executionName: scheduledExecutionName(this.config.name, fireAt), flow: this.config.flow,
      ...(missedFires > 0 ? { missedFires } : {}),
    };
    try {
      await this.append('ScheduleFired', data);
    } catch (error) {
      if (!isStoreError(error, 'STORE.VERSION_CONFLICT')) throw error;
      await this.reload();
      await this.ensureLastFireStarted();
      return;
    }
    this.history = { ...this.history, lastFire: data, lastFireFailed: false };
    this.lastFireStarted = false;
    await this.startFor(data);
    this.lastFireStarted = true;
  }

  private async ensureLastFireStarted(): Promise<void> {
    const { lastFire, lastFireFailed } = this.history;
    if (lastFire && !lastFireFailed) await this.startFor(lastFire);
    this.lastFireStarted = true;
  }

  /** Starts the fire's execution; a name that exists from this fire is success (idempotent recovery). */
  private async startFor(fire: ScheduleFiredData): Promise<void> {
    const source = scheduleSource(this.config.name, fire.fireAt);
    try {
      await this.deps.starter.startExecution({
        flowName: fire.flow, executionName: fire.executionName, input: this.config.input, trigger: { kind: 'schedule', source },
      });
    } catch (error) {
      if (isRuntimeError(error, 'RUNTIME.EXECUTION_ALREADY_EXISTS')) {
        const existing = await this.deps.starter.describeExecution(fire.flow, fire.executionName);
        if (existing.trigger?.source === source) return;
      }
      if (!isPermanent(error)) throw error;
      const { code, message: reason } = error;
      this.deps.logger.error('scheduled execution could not be started', { schedule: this.config.name, fireAt: fire.fireAt, code, reason });
      await this.append('ScheduleStartFailed', { fireAt: fire.fireAt, executionName: fire.executionName, code, reason });
      this.history = { ...this.history, lastFireFailed: true };
    }
  }

  private async append(type: string, data: object): Promise<void> {
    const revision = await appendScheduleEvent(this.deps.store, this.config.name, { type, data }, this.history.revision);
    this.history = { ...this.history, revision };
  }

  /** Fires are due strictly after the later of the last fire and the (re)registration. */
  private anchor(): number {
    const lastFire = this.history.lastFire ? Date.parse(this.history.lastFire.fireAt) : -Infinity;
    const registered = this.history.registration ? Date.parse(this.history.registration.registeredAt) : this.deps.clock.now();
    return Math.max(lastFire, registered);
  }

}

function isPermanent(error: unknown): error is RuntimeError {
  return isRuntimeError(error) && !error.retryable && error.code !== 'RUNTIME.ENGINE_STOPPED' && error.code !== 'RUNTIME.CONCURRENCY_RETRIES_EXHAUSTED';
}
