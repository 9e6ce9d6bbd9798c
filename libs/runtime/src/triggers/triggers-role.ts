import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/event-store';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import type { TaskReporter } from '../ports/task-runner';
import { ScheduleService } from '../schedules/schedule-service';
import { TaskResultsConsumer } from '../workers/task-results-consumer';
import type { ExecutionStarter } from './execution-starter';
import { TriggerConsumer } from './trigger-consumer';
import type { TriggersConfig } from './triggers-config';

export interface TriggersRoleOptions {
  readonly bus: MessageBus;
  /** The engine (starts executions, applies task reports). */
  readonly engine: ExecutionStarter & TaskReporter;
  readonly store: EventStore;
  /** From `parseTriggersConfig`. */
  readonly config: TriggersConfig;
  /** The engine's clock. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Also apply worker reports from `ordo.task-results.v1` (default true). */
  readonly taskResults?: boolean;
}

/** The running pieces of the `triggers` role. */
export interface RunningTriggers {
  readonly consumers: readonly TriggerConsumer[];
  readonly schedules: ScheduleService;
  readonly taskResults?: TaskResultsConsumer;
  close(): Promise<void>;
}

/**
 * Starts what the server's `triggers` role runs: one consumer per Kafka trigger, the durable
 * schedules and the task-results consumer. `close` stops them all (their offsets stay committed).
 */
export async function startTriggersRole(options: TriggersRoleOptions): Promise<RunningTriggers> {
  const { bus, engine, clock, logger } = options;
  const consumers = options.config.triggers.map((trigger) => new TriggerConsumer({ bus, starter: engine, trigger, clock, logger }));
  const schedules = new ScheduleService({ store: options.store, starter: engine, schedules: options.config.schedules, clock, logger });
  const taskResults = options.taskResults === false ? undefined : new TaskResultsConsumer({ bus, reporter: engine, clock, logger });
  const close = async (): Promise<void> => {
    await Promise.all([...consumers.map((c) => c.close()), schedules.close(), taskResults?.close()]);
  };
  try {
    await Promise.all([...consumers.map((c) => c.start()), schedules.start(), taskResults?.start()]);
  } catch (error) {
    await close();
    throw error;
  }
  return { consumers, schedules, ...(taskResults ? { taskResults } : {}), close };
}
