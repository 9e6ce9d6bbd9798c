// A relay in its own process, for kill -9 tests: SQLite store → Kafka. Configured by environment:
// RELAY_DB (SQLite file), ORDO_KAFKA_BROKERS, RELAY_TOPIC, RELAY_NAME. Prints "ready" once started;
// SIGTERM stops it cleanly (checkpoint saved), SIGKILL is the crash under test.
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { EventRelay, EventStoreCheckpointStore } from '@ordo/runtime';
import { SqliteEventStore } from '@ordo/store-sqlite';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set.`);
    return value;
  };
  const store = new SqliteEventStore({ path: env('RELAY_DB'), pollIntervalMs: 10 });
  const bus = new KafkaMessageBus({ brokers: parseBrokers(env('ORDO_KAFKA_BROKERS')) });
  const relay = new EventRelay({
    store, bus, checkpoints: new EventStoreCheckpointStore(store), name: env('RELAY_NAME'), topic: env('RELAY_TOPIC'),
    batchSize: 7, checkpointIntervalMs: 15, onError: (e) => process.stderr.write(`relay error: ${String(e)}\n`),
  });
  await relay.start();
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => {
    void relay.stop().then(() => bus.close()).then(() => store.close()).then(() => process.exit(0));
  });
}

main().catch((e) => {
  process.stderr.write(`relay process failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
