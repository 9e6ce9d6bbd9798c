// Starts the external services the integration and end-to-end tiers need (a real Kafka broker,
// a real PostgreSQL) unless the environment already names them, and stops what it started.
//   ORDO_KAFKA_BROKERS set  → used as is.  Else a broker started by `npm run kafka -- start` is reused
//                             (and left running); else a private broker is started on free ports.
//   ORDO_TEST_PG_URL set    → used as is.  Else a throwaway cluster is started (scripts/postgres.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokerMode, jvmBrokerStatus, startJvmBroker, startKafka, stopJvmBroker } from './kafka.mjs';
import { startPostgres } from './postgres.mjs';
import { freePort } from './service-util.mjs';

const log = (msg) => process.stderr.write(`[services] ${msg}\n`);

async function provideKafka() {
  const shared = await jvmBrokerStatus();
  if (shared.running) {
    log(`reusing the Kafka broker started by \`npm run kafka -- start\` at ${shared.brokers}`);
    return { brokers: shared.brokers, stop: async () => {} };
  }
  const mode = brokerMode();
  if (mode instanceof Error) throw mode;
  if (mode === 'docker') {
    const { brokers } = await startKafka();
    log(`Kafka (docker compose) ready at ${brokers}; it is left running`);
    return { brokers, stop: async () => {} };
  }
  const runDir = mkdtempSync(join(tmpdir(), 'ordo-kafka-'));
  const started = Date.now();
  const { brokers } = await startJvmBroker({ port: await freePort(), controllerPort: await freePort(), runDir });
  log(`private Kafka broker ready at ${brokers} in ${Date.now() - started} ms (${runDir})`);
  return { brokers, stop: async () => { await stopJvmBroker(runDir); rmSync(runDir, { recursive: true, force: true }); } };
}

async function providePostgres() {
  const started = Date.now();
  const pg = await startPostgres();
  log(`throwaway PostgreSQL ready at ${pg.url} in ${Date.now() - started} ms`);
  return pg;
}

/**
 * Makes sure a Kafka broker and a PostgreSQL server are available. Resolves with the environment
 * variables to pass to the tests (`ORDO_KAFKA_BROKERS`, `ORDO_TEST_PG_URL`) and a `stop()` that stops
 * only what this call started. Rejects with a message saying what to install when a service cannot run.
 */
export async function startServices() {
  const env = {};
  const stops = [];
  const stop = async () => { for (const s of stops.reverse()) await s().catch((e) => log(`stop failed: ${e.message}`)); };
  try {
    const wantKafka = !process.env.ORDO_KAFKA_BROKERS;
    const wantPg = !process.env.ORDO_TEST_PG_URL;
    const [kafka, pg] = await Promise.allSettled([
      wantKafka ? provideKafka() : Promise.resolve(undefined),
      wantPg ? providePostgres() : Promise.resolve(undefined),
    ]);
    for (const r of [kafka, pg]) if (r.status === 'fulfilled' && r.value) stops.push(r.value.stop);
    for (const r of [kafka, pg]) if (r.status === 'rejected') throw r.reason;
    if (kafka.value) env.ORDO_KAFKA_BROKERS = kafka.value.brokers;
    if (pg.value) env.ORDO_TEST_PG_URL = pg.value.url;
  } catch (e) {
    await stop();
    throw e;
  }
  return { env, stop };
}
