import { join } from 'node:path';
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { LocalMessageBus } from '@ordo/bus-local';
import {
  CommandBus, COMMANDS_TOPIC, KafkaTaskRunner, PartitionedEngineHost, PartitionOwnership, ordoTopicSpecs, ownsNothing, startTriggersRole,
  type Engine, type EventStore, type ExecutionOwnership, type MessageBus, type RunningTriggers,
} from '@ordo/runtime';
import { EsdbEventStore } from '@ordo/store-esdb';
import { openSqliteEventStore } from '@ordo/store-sqlite';
import type { Logger as Pino } from 'pino';
import type { OrdoConfig } from '../config/ordo-config';
import { toRuntimeLogger } from '../logging/logger';
import { deploymentConfig, type DeploymentConfig } from './deployment-config';

/** File name of the embedded event store under the data directory. */
export const EVENT_STORE_FILE = 'ordo-events.sqlite';

/**
 * What the roles of one process add around the engine (docs/decisions/1301): the store (SQLite or
 * EventStoreDB), the bus (Kafka or in-process), the engine's ownership of executions, the Kafka task
 * runner, the partitioned command consumer (`engine` on Kafka) and the triggers role.
 */
export class RoleWiring {
  private partitioned: PartitionedEngineHost | undefined;
  private triggers: RunningTriggers | undefined;

  private constructor(
    readonly store: EventStore,
    readonly bus: MessageBus,
    /** Undefined in embedded mode: the engine owns every execution. */
    readonly ownership: ExecutionOwnership | undefined,
    private readonly deployment: DeploymentConfig,
    private readonly config: OrdoConfig,
    private readonly log: Pino,
  ) {}

  /** Opens the store and the bus and, on Kafka, creates Ordo's topics and fixes the ownership. */
  static async open(config: OrdoConfig, log: Pino, env: NodeJS.ProcessEnv = process.env): Promise<RoleWiring> {
    const deployment = deploymentConfig(config.roles, env);
    const store = deployment.store.kind === 'esdb'
      ? new EsdbEventStore({ connectionString: deployment.store.url })
      : await openSqliteEventStore({ path: join(config.dataDir, EVENT_STORE_FILE), durability: config.sqliteSynchronous });
    if (deployment.kafkaBrokers === undefined) return new RoleWiring(store, new LocalMessageBus(), undefined, deployment, config, log);
    const bus = new KafkaMessageBus({ brokers: parseBrokers(deployment.kafkaBrokers), clientId: `ordo-${config.roles.join('-')}` });
    await bus.admin.createTopics(ordoTopicSpecs({ commands: deployment.commandPartitions }));
    const commands = new CommandBus({ bus, logger: toRuntimeLogger(log) });
    const partitions = (await bus.admin.partitionCount(COMMANDS_TOPIC)) ?? deployment.commandPartitions;
    const ownership = deployment.ownsPartitions ? new PartitionOwnership(partitions, commands) : ownsNothing(commands);
    return new RoleWiring(store, bus, ownership, deployment, config, log);
  }

  /** Engine options this wiring fixes: ownership, and no inline tasks where nothing is owned. */
  engineOptions(): { ownership?: ExecutionOwnership; inlineLocalTasks?: boolean; checkpointIntervalMs?: number } {
    if (this.ownership === undefined) return {};
    return { ownership: this.ownership, checkpointIntervalMs: 0, ...(this.deployment.ownsPartitions ? {} : { inlineLocalTasks: false }) };
  }

  /**
   * Starts the engine the way this deployment runs it: recovery of everything (embedded), a member
   * of `ordo.engine` (engine role on Kafka) or nothing (api/triggers on Kafka); then the triggers role.
   */
  async start(engine: Engine): Promise<void> {
    engine.registerRunner('kafka', new KafkaTaskRunner(this.bus));
    if (this.ownership === undefined) await engine.start();
    else if (this.ownership instanceof PartitionOwnership) {
      this.partitioned = new PartitionedEngineHost({ bus: this.bus, engine, ownership: this.ownership, topic: COMMANDS_TOPIC, logger: toRuntimeLogger(this.log) });
      await this.partitioned.start();
    }
    if (this.config.roles.includes('triggers') && this.config.triggers) {
      this.triggers = await startTriggersRole({ bus: this.bus, engine, store: this.store, config: this.config.triggers, logger: toRuntimeLogger(this.log) });
    }
    this.log.info({ store: this.deployment.store.kind, bus: this.deployment.kafkaBrokers ? 'kafka' : 'local', ownsPartitions: this.deployment.ownsPartitions },
      'roles wired');
  }

  /** Stops the triggers and leaves the engine group (before the engine closes). */
  async stop(): Promise<void> {
    await this.triggers?.close();
    await this.partitioned?.close();
  }

  /** Closes the bus and the store (after the engine closed). */
  async close(): Promise<void> {
    try {
      await this.bus.close();
    } finally {
      await this.store.close();
    }
  }
}
