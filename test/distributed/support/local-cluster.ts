import {
  CommandBus, COMMANDS_TOPIC, ENGINE_GROUP, Engine, HmacTokenService, PartitionedEngineHost, PartitionOwnership, ownsNothing, silentLogger,
  type EventStore, type Logger, type MessageBus, type TaskHandler,
} from '@ordo/runtime';

export const SECRET = 'distributed-suite-shared-secret-'.padEnd(48, 's');

/** One engine-role member: an engine that owns the partitions its host is assigned. */
export interface EngineMember {
  readonly engine: Engine;
  readonly host: PartitionedEngineHost;
  readonly ownership: PartitionOwnership;
  close(): Promise<void>;
}

/** Where a cluster's commands travel: a per-run topic and group keep runs on a shared broker apart. */
export interface CommandRoute {
  /** Default `ordo.commands.v1`. */
  readonly topic?: string;
  /** Default `ordo.engine`. */
  readonly groupId?: string;
  readonly logger?: Logger;
}

/** Starts an engine member on `bus` (the command topic must exist with `partitions` partitions). */
export async function startEngineMember(
  store: EventStore, bus: MessageBus, partitions: number, handlers: Readonly<Record<string, TaskHandler>> = {}, route: CommandRoute = {},
): Promise<EngineMember> {
  const logger = route.logger ?? silentLogger;
  const commands = new CommandBus({ bus, topic: route.topic, logger });
  const ownership = new PartitionOwnership(partitions, commands);
  const engine = new Engine({ store, tokens: new HmacTokenService(SECRET), handlers, ownership, checkpointIntervalMs: 0, logger });
  const host = new PartitionedEngineHost({
    bus, engine, ownership, topic: commands.topic, groupId: route.groupId ?? ENGINE_GROUP, maxBatchSize: 100, logger,
  });
  await host.start();
  return {
    engine, host, ownership,
    async close() {
      await host.close();
      await engine.close();
    },
  };
}

/** An api-role engine: owns nothing, appends with optimistic concurrency and resyncs the owner. */
export function apiEngine(store: EventStore, bus: MessageBus, route: CommandRoute = {}): Engine {
  const logger = route.logger ?? silentLogger;
  const commands = new CommandBus({ bus, topic: route.topic ?? COMMANDS_TOPIC, logger });
  return new Engine({ store, tokens: new HmacTokenService(SECRET), ownership: ownsNothing(commands), inlineLocalTasks: false, checkpointIntervalMs: 0, logger });
}

/** Polls `condition` until it holds or the deadline passes. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000, pollMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
