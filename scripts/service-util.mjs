// Small helpers shared by scripts/kafka.mjs, scripts/postgres.mjs and scripts/services.mjs.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';

const require = createRequire(import.meta.url);

/** Whether `name` is an executable on PATH. */
export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Whether a process with this pid exists (and is not a zombie we could reap). */
export function processAlive(pid) {
  try { process.kill(pid, 0); } catch { return false; }
  const stat = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
  return !(stat.stdout ?? '').trim().startsWith('Z');
}

/** Whether nothing listens on 127.0.0.1:`port`. */
export function isPortFree(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/** Polls `check` (sync or async; truthy = done; a throw aborts) until it passes or `timeoutMs` elapses. */
export async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      if (await check()) return;
    } catch (e) {
      if (e && e.fatal === false) lastError = e; else throw e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function kafkaClient(brokers) {
  const { Kafka, logLevel } = require('kafkajs');
  return new Kafka({ clientId: 'ordo-probe', brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 2 } });
}

/** Resolves once the broker answers a metadata request. */
export async function kafkaMetadataCheck(brokers, timeoutMs) {
  const admin = kafkaClient(brokers).admin();
  try {
    await waitFor(async () => {
      try { await admin.connect(); await admin.listTopics(); return true; } catch (e) { e.fatal = false; throw e; }
    }, timeoutMs, `Kafka at ${brokers} to answer metadata requests`);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** Creates a throwaway topic, produces one record, consumes it back in a consumer group, and deletes the topic. */
export async function kafkaSmokeTest(brokers, timeoutMs) {
  await kafkaMetadataCheck(brokers, timeoutMs);
  const kafka = kafkaClient(brokers);
  const suffix = randomBytes(4).toString('hex');
  const topic = `ordo.smoke.${suffix}`;
  const admin = kafka.admin();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `ordo-smoke-${suffix}` });
  try {
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: suffix }] });
    let seen = false;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => { if (message.value?.toString() === suffix) seen = true; } });
    await waitFor(() => seen, timeoutMs, `a smoke-test record to come back from ${topic} at ${brokers}`);
  } finally {
    await consumer.disconnect().catch(() => {});
    await producer.disconnect().catch(() => {});
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect().catch(() => {});
  }
}
