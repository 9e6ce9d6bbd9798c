// One piece of the pipeline in a child process, so tests can kill it with SIGKILL at any instant.
//   PIPE_ROLE=relay      SQLite store (PIPE_DB) → Kafka topic PIPE_TOPIC, checkpoint PIPE_RELAY_NAME
//   PIPE_ROLE=projector  Kafka topic PIPE_TOPIC (group PIPE_GROUP, PIPE_MEMBERS members) → PostgreSQL views (PIPE_SCHEMA)
// Prints "ready" once running; SIGTERM stops it gracefully.
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { PostgresReadModelStore, Projector, ProjectorConsumer } from '@ordo/read-models';
import { EventRelay, EventStoreCheckpointStore } from '@ordo/runtime';
import { SqliteEventStore } from '@ordo/store-sqlite';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function runRelay(bus: KafkaMessageBus): Promise<() => Promise<void>> {
  const store = new SqliteEventStore({ path: env('PIPE_DB') });
  const relay = new EventRelay({
    store, bus, topic: env('PIPE_TOPIC'), name: env('PIPE_RELAY_NAME'), checkpoints: new EventStoreCheckpointStore(store),
    batchSize: Number(process.env.PIPE_BATCH ?? 50), checkpointIntervalMs: 100, retryBackoffMs: { min: 100, max: 1000 },
  });
  await relay.start();
  return async () => { await relay.stop(); await store.close(); };
}

async function runProjector(bus: KafkaMessageBus): Promise<() => Promise<void>> {
  const views = await PostgresReadModelStore.open({ connectionString: env('ORDO_TEST_PG_URL'), schema: env('PIPE_SCHEMA') });
  const projector = new Projector(views);
  const consumer = new ProjectorConsumer({
    bus, topic: env('PIPE_TOPIC'), groupId: env('PIPE_GROUP'), apply: projector.handle, maxBatchSize: Number(process.env.PIPE_BATCH ?? 50),
    members: Number(process.env.PIPE_MEMBERS ?? 1),
  });
  await consumer.start();
  return async () => { await consumer.close(); await projector.stop(); await views.close(); };
}

async function main(): Promise<void> {
  const bus = new KafkaMessageBus({ brokers: parseBrokers(env('ORDO_KAFKA_BROKERS')), clientId: `pipe-${env('PIPE_ROLE')}`, sessionTimeoutMs: 6000 });
  const stop = env('PIPE_ROLE') === 'relay' ? await runRelay(bus) : await runProjector(bus);
  process.once('SIGTERM', () => { void stop().then(() => bus.close()).then(() => process.exit(0)); });
  process.stdout.write('ready\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`pipeline-role ${process.env.PIPE_ROLE}: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
