import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { LocalMessageBus } from '@ordo/bus-local';
import {
  PostgresReadModelStore, Projector, ProjectorConsumer, SqliteReadModelStore, catchUpFromLog, executionEventsBehind,
  type ReadModelStore,
} from '@ordo/read-models';
import { EVENTS_TOPIC, EventRelay, EventStoreCheckpointStore, type EventStore, type MessageBus } from '@ordo/runtime';
import type { Logger as Pino } from 'pino';
import type { ReadSideConfig, ViewsConfig } from './read-side-config';

/** Injection token of the ReadSideHost. */
export const READ_SIDE = Symbol('READ_SIDE');
/** Injection token of the views (`ReadModelStore`) the query side reads. */
export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');

/** How far the read side is behind the log, in execution events. */
export interface ReadSideLag {
  /** Execution events the views have not applied yet (0 when caught up). */
  readonly projector: number;
  /** Feed positions the relay has not published yet; null when this process runs no relay. */
  readonly relay: number | null;
}

/**
 * Runs the read side of one process: the relay (log → events topic) and the projector (events topic
 * → views), over the in-process bus (embedded) or Kafka. The views are SQLite under the data dir or
 * PostgreSQL. The in-process bus is volatile, so embedded mode first catches the views up from the
 * log (decision 1102); empty views do the same on Kafka (decision 1101). Stopping stops the relay
 * first (saving its checkpoint), then the projector.
 */
export class ReadSideHost {
  private readonly projector: Projector;
  private readonly consumer: ProjectorConsumer;
  private readonly relay: EventRelay | undefined;
  private started = false;
  private projectorStarting: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  private constructor(
    readonly views: ReadModelStore,
    private readonly bus: MessageBus,
    private readonly log: EventStore,
    private readonly config: ReadSideConfig,
    private readonly logger: Pino,
  ) {
    this.projector = new Projector(views);
    const topic = config.eventsTopic ?? EVENTS_TOPIC;
    this.consumer = new ProjectorConsumer({
      bus, topic, apply: this.projector.handle, groupId: config.projectorGroup, members: config.projectorMembers,
      onError: (err, batch) => logger.warn({ err: describe(err), topic, partition: batch?.partition }, 'projector batch failed; it will be redelivered'),
    });
    this.relay = config.relay ? new EventRelay({
      store: log, bus, topic, checkpoints: new EventStoreCheckpointStore(log),
      name: config.bus.kind === 'local' ? 'events-relay-local' : 'events-relay',
      onError: (err, step) => logger.warn({ err: describe(err), step }, 'relay step failed; retrying'),
    }) : undefined;
  }

  /** Opens the views store and the bus (nothing runs until `start`). */
  static async open(config: ReadSideConfig, log: EventStore, logger: Pino): Promise<ReadSideHost> {
    const views = await openViews(config.views);
    const bus = config.bus.kind === 'kafka'
      ? new KafkaMessageBus({ brokers: parseBrokers(config.bus.brokers), clientId: 'ordo-read-side' })
      : new LocalMessageBus();
    return new ReadSideHost(views, bus, log, config, logger);
  }

  /**
   * Starts the relay, and the projector in the background: a long catch-up from the log must not
   * keep the server from serving (the views are behind until it is done, which the lag shows).
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (this.config.bus.kind === 'kafka') {
      await this.bus.admin.createTopics([{ name: this.config.eventsTopic ?? EVENTS_TOPIC, partitions: this.config.eventsPartitions }]);
    }
    if (this.config.projector) {
      this.projectorStarting = this.startProjector().catch((err: unknown) =>
        this.logger.error({ err: describe(err) }, 'the projector did not start; the views stay behind until a restart'));
    }
    await this.relay?.start();
    this.logger.info({ views: this.config.views.kind, bus: this.config.bus.kind, relay: this.config.relay, projector: this.config.projector },
      'read side started');
  }

  private async startProjector(): Promise<void> {
    if (this.config.bus.kind === 'local' || (await this.views.checkpoint()) === 0) {
      const caught = await catchUpFromLog(this.views, this.log, this.projector.handle, { signal: this.stopping.signal });
      this.logger.info({ ...caught }, 'read models caught up from the log');
    }
    if (!this.stopping.signal.aborted) await this.consumer.start();
  }

  /**
   * Execution events the views are behind the log (see `executionEventsBehind`). With several Kafka
   * partitions it is a lower bound while one partition trails another (decision 1103).
   */
  projectorLag(): Promise<number> {
    return executionEventsBehind(this.views, this.log);
  }

  /** The projector's and the relay's lag. */
  async lag(): Promise<ReadSideLag> {
    const [projector, relay] = await Promise.all([this.projectorLag(), this.relay?.lag() ?? null]);
    return { projector, relay };
  }

  /** Stops the relay (saving its checkpoint), then the projector, then closes the bus and the views. */
  async stop(): Promise<void> {
    this.stopping.abort();
    try {
      await this.relay?.stop().catch((err: unknown) => this.logger.warn({ err: describe(err) }, 'relay checkpoint not saved at shutdown'));
      await this.projectorStarting;
      await this.consumer.close();
      await this.projector.stop();
      await this.bus.close();
    } finally {
      await this.views.close();
      this.logger.info('read side stopped');
    }
  }
}

function openViews(config: ViewsConfig): Promise<ReadModelStore> {
  if (config.kind === 'sqlite') return Promise.resolve(new SqliteReadModelStore({ filename: config.filename }));
  return PostgresReadModelStore.open({ connectionString: config.connectionString, ...(config.schema ? { schema: config.schema } : {}) });
}

function describe(err: unknown): { message: string; code?: unknown } {
  return err instanceof Error ? { message: err.message, code: (err as { code?: unknown }).code } : { message: String(err) };
}
