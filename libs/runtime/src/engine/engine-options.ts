import type { DispatchTaskIntent } from '@ordo/core';
import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/event-store';
import type { FlowRegistry } from '../ports/flow-registry';
import type { Logger } from '../ports/logger';
import type { RunnerKind, TaskRunner } from '../ports/task-runner';
import type { TokenService } from '../ports/token-service';
import type { ResourceMapConfig, ResourceResolver } from '../flows/resource-map';
import type { HttpTaskRunnerOptions } from '../runners/http-task-runner';
import type { TaskHandler } from '../runners/local-task-runner';
import type { CommandResult } from './command-handler';

/**
 * Distributed mode (ARCHITECTURE §4): which executions this engine owns. Effects (timers, task
 * attempts) run only for owned executions; after appending to one it does not own (an API start, a
 * task report, a child start) the engine drops the cached state and calls `appendedElsewhere`, so
 * the owner can be told to reload it.
 */
export interface ExecutionOwnership {
  owns(executionId: string): boolean;
  appendedElsewhere(result: CommandResult): void;
}

/** How to build an engine. Only `store` is required. */
export interface EngineOptions {
  readonly store: EventStore;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Default: HMAC tokens over `tokenSecret`, or a random secret (tokens then do not survive a restart). */
  readonly tokens?: TokenService;
  /** At least 32 bytes; from configuration, or generated once and persisted by the server. */
  readonly tokenSecret?: string | Buffer;
  /** `acs:fc` / `acs:mns` / `action:` mappings, or a custom resolver. */
  readonly resources?: ResourceMapConfig | ResourceResolver;
  /** In-process handlers for `local:NAME`, by NAME. */
  readonly handlers?: Readonly<Record<string, TaskHandler>>;
  /** Extra or replacement runners by kind (a Kafka lib plugs `kafka` in here). */
  readonly runners?: Partial<Record<RunnerKind, TaskRunner>>;
  readonly http?: HttpTaskRunnerOptions;
  /** Default: flows stored in the same event store. */
  readonly registry?: FlowRegistry;
  readonly logger?: Logger;
  /** Execution states kept in memory (default 10,000). */
  readonly cacheSize?: number;
  /** Snapshot period in events (default 500). */
  readonly snapshotEvery?: number;
  /** Reload-and-retry rounds on an optimistic-concurrency conflict (default 5). */
  readonly maxConflictRetries?: number;
  /** Largest execution input or reported output, in bytes (default 32 KiB, SPEC Part B §12). */
  readonly maxPayloadBytes?: number;
  /** Period of recovery checkpoints in real milliseconds (default 30 s; 0 disables the timer). */
  readonly checkpointIntervalMs?: number;
  /**
   * Run `local:` request/response tasks inside the command that scheduled them and record their
   * outcomes in the same append when they settle within the event-loop turn (default true;
   * docs/decisions/1001-inline-local-tasks.md).
   */
  readonly inlineLocalTasks?: boolean;
  /** Called when a task cannot be run at all; default: the task fails with `FnF.RuntimeError`. */
  readonly onDispatchError?: (error: unknown, intent: DispatchTaskIntent) => void;
  /** Distributed mode: the executions this engine owns (default: every execution). */
  readonly ownership?: ExecutionOwnership;
}
