/**
 * One read-side process of the distributed suite, so the test can kill it with SIGKILL at any instant:
 *   ROLE=relay      EventStoreDB protocol server (ESDB_URL) → Kafka topic EVENTS_TOPIC, checkpoint RELAY_NAME
 *   ROLE=projector  Kafka topic EVENTS_TOPIC (group PROJECTOR_GROUP) → PostgreSQL views (ORDO_TEST_PG_URL, VIEWS_SCHEMA)
 * Prints `ready` once running; SIGTERM stops it gracefully.
 *   ROLE=… node -r @swc-node/register read-side-process.ts
 */
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { PostgresReadModelStore, Projector, ProjectorConsumer } from '@ordo/read-models';
import { EventRelay, EventStoreCheckpointStore } from '@ordo/runtime';
import { EsdbEventStore } from '@ordo/store-esdb';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function runRelay(bus: KafkaMessageBus): Promise<() => Promise<void>> {
  const store = new EsdbEventStore({ connectionString: env('ESDB_URL') });
  const relay = new EventRelay({
    store, bus, topic: env('EVENTS_TOPIC'), name: env('RELAY_NAME'), checkpoints: new EventStoreCheckpointStore(store),
    batchSize: 100, checkpointIntervalMs: 200, retryBackoffMs: { min: 100, max: 1000 },
    onError: (error, step) => process.stderr.write(`[relay ${process.pid}] ${step} failed: ${String(error)}\n`),
  });
  await relay.start();
  return async () => { await relay.stop(); await store.close(); };
}

async function runProjector(bus: KafkaMessageBus): Promise<() => Promise<void>> {
  const views = await PostgresReadModelStore.open({ connectionString: env('ORDO_TEST_PG_URL'), schema: env('VIEWS_SCHEMA') });
  const projector = new Projector(views);
  const consumer = new ProjectorConsumer({
    bus, topic: env('EVENTS_TOPIC'), groupId: env('PROJECTOR_GROUP'), apply: projector.handle, maxBatchSize: 100,
    onError: (error) => process.stderr.write(`[projector ${process.pid}] ${String(error)}\n`),
  });
  await consumer.start();
  return async () => { await consumer.close(); await projector.stop(); await views.close(); };
}

async function main(): Promise<void> {
  const role = env('ROLE');
  const bus = new KafkaMessageBus({ brokers: parseBrokers(env('ORDO_KAFKA_BROKERS')), clientId: `${role}-${process.pid}`, sessionTimeoutMs: 6000 });
  const stop = role === 'relay' ? await runRelay(bus) : await runProjector(bus);
  process.once('SIGTERM', () => { void stop().then(() => bus.close()).then(() => process.exit(0)); });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`read-side ${process.env.ROLE}: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
