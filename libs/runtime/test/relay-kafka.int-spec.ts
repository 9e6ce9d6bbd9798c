// The relay against real services: SQLite event store → real Kafka, with the relay process killed
// (SIGKILL) mid-stream and restarted while executions keep appending.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { SqliteEventStore } from '@ordo/store-sqlite';
import type { BusMessage } from '@ordo/runtime';
import { uniqueName, waitUntil } from '@ordo/testing';
import { appendInterleaved, assertCompleteAndOrdered, distinctIds, executionEvents } from './relay-support/relay-checks';

const brokers = process.env.ORDO_KAFKA_BROKERS;
if (!brokers) throw new Error('ORDO_KAFKA_BROKERS is not set: run through `npm run test:int` (which starts a broker) or `npm run kafka -- start`.');

function startRelayProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'relay-support', 'relay-process.ts')], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve(child); });
    child.once('exit', (code) => reject(new Error(`relay process exited with ${code} before it was ready`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

describe('EventRelay: SQLite store → real Kafka', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-relay-'));
  const bus = new KafkaMessageBus({ brokers: parseBrokers(brokers) });
  after(async () => { await bus.close(); rmSync(dir, { recursive: true, force: true }); });

  test('killing the relay process at random points and restarting it loses no event and keeps per-execution order', async () => {
    const path = join(dir, 'events.db');
    const store = new SqliteEventStore({ path });
    const topic = uniqueName('test.relay');
    const env = { RELAY_DB: path, ORDO_KAFKA_BROKERS: brokers, RELAY_TOPIC: topic, RELAY_NAME: `relay_${topic.replace(/[^A-Za-z0-9]/g, '_')}` };
    await bus.admin.createTopics([{ name: topic, partitions: 3 }]);
    const got: BusMessage[] = [];
    await bus.consume({ groupId: uniqueName('check'), topics: [topic] }, async (batch, consumer) => {
      got.push(...batch.messages);
      await consumer.commit([{ topic, partition: batch.partition, offset: batch.messages[batch.messages.length - 1].offset }]);
    });
    const total = 6 * 50;
    const writing = appendInterleaved(store, 'killed', 6, 50);
    try {
      for (const after of [20, 90, 170]) {
        const relay = await startRelayProcess(env);
        await waitUntil(() => distinctIds(got).size >= after, `${after} distinct events before the kill`);
        relay.kill('SIGKILL');
        await exited(relay);
      }
      await writing;
      const last = await startRelayProcess(env);
      await waitUntil(() => distinctIds(got).size >= total, `all ${total} events on the topic`, 120_000);
      last.kill('SIGTERM');
      await exited(last);
      assert.equal(last.exitCode, 0, 'a SIGTERM stops the relay cleanly');
      assertCompleteAndOrdered(got, await executionEvents(store));
      assert.ok(got.length >= total);
    } finally {
      await writing.catch(() => undefined);
      await store.close();
    }
  });
});
