import {
  CommandBus, COMMANDS_TOPIC, Engine, HmacTokenService, PartitionedEngineHost, PartitionOwnership, ownsNothing,
  type EventStore, type MessageBus, type TaskHandler,
} from '@ordo/runtime';

export const SECRET = 'distributed-suite-shared-secret-'.padEnd(48, 's');

/** One engine-role member: an engine that owns the partitions its host is assigned. */
export interface EngineMember {
  readonly engine: Engine;
  readonly host: PartitionedEngineHost;
  readonly ownership: PartitionOwnership;
  close(): Promise<void>;
}

/** Starts an engine member on `bus` (the command topic must exist with `partitions` partitions). */
export async function startEngineMember(
  store: EventStore, bus: MessageBus, partitions: number, handlers: Readonly<Record<string, TaskHandler>> = {},
): Promise<EngineMember> {
  const commands = new CommandBus({ bus });
  const ownership = new PartitionOwnership(partitions, commands);
  const engine = new Engine({ store, tokens: new HmacTokenService(SECRET), handlers, ownership, checkpointIntervalMs: 0 });
  const host = new PartitionedEngineHost({ bus, engine, ownership, topic: COMMANDS_TOPIC, maxBatchSize: 100 });
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
export function apiEngine(store: EventStore, bus: MessageBus): Engine {
  return new Engine({ store, tokens: new HmacTokenService(SECRET), ownership: ownsNothing(new CommandBus({ bus })), inlineLocalTasks: false, checkpointIntervalMs: 0 });
}

/** Polls `condition` until it holds or the deadline passes. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
