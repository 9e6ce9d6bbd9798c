// Cross-checks Ordo's Kafka adapter against an independent client: Debian's kcat (librdkafka).
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { recordingConsumer, uniqueName } from '@ordo/testing';

const brokers = process.env.ORDO_KAFKA_BROKERS;
if (!brokers) throw new Error('ORDO_KAFKA_BROKERS is not set: run through `npm run test:int` (which starts a broker) or `npm run kafka -- start`.');
if (spawnSync('kcat', ['-V']).status !== 0) throw new Error('kcat is not installed: apt-get install kcat (.ci/run does).');

function kcat(args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-b', brokers as string, ...args]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`kcat ${args.join(' ')} exited ${code}: ${err.trim()}`))));
    child.stdin.end(stdin ?? '');
  });
}

describe('kcat ⇄ KafkaMessageBus', () => {
  const bus = new KafkaMessageBus({ brokers: parseBrokers(brokers) });
  after(() => bus.close());

  test('kcat produces keyed messages with headers; Ordo consumes them in order', async () => {
    const topic = uniqueName('kcat.in');
    await bus.admin.createTopics([{ name: topic, partitions: 3 }]);
    const lines = Array.from({ length: 12 }, (_, i) => `exec-${i % 3}|{"n":${i},"text":"héllo ${i}"}`);
    await kcat(['-P', '-t', topic, '-K', '|', '-H', 'ordo-source=kcat', '-H', 'trace=abc'], lines.join('\n') + '\n');
    const { received } = await recordingConsumer(bus, { groupId: uniqueName('g'), topics: [topic] });
    await received.waitForCount(12);
    for (const key of ['exec-0', 'exec-1', 'exec-2']) {
      const mine = received.messages.filter((m) => m.key === key).map((m) => JSON.parse(m.value.toString('utf8')).n);
      assert.deepEqual(mine, lines.map((l, i) => (l.startsWith(`${key}|`) ? i : -1)).filter((i) => i >= 0), `order of ${key}`);
    }
    assert.deepEqual(received.messages[0].headers, { 'ordo-source': 'kcat', trace: 'abc' });
    assert.equal(JSON.parse(received.messages.find((m) => m.key === 'exec-1')!.value.toString('utf8')).text, 'héllo 1');
  });

  test('Ordo publishes with key and headers; kcat reads back the same key, value, headers and partition', async () => {
    const topic = uniqueName('kcat.out');
    await bus.admin.createTopics([{ name: topic, partitions: 4 }]);
    const messages = Array.from({ length: 8 }, (_, i) => ({ key: `order-${i}`, value: `{"i":${i}}`, headers: { 'ordo-type': 'StepEntered', seq: String(i) } }));
    const receipts = await bus.publishBatch(topic, messages);
    const out = await kcat(['-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k\t%s\t%p\t%h\n']);
    const rows = out.trim().split('\n').map((l) => l.split('\t'));
    assert.equal(rows.length, 8);
    for (const [i, m] of messages.entries()) {
      const row = rows.find((r) => r[0] === m.key);
      assert.ok(row, `kcat saw ${m.key}`);
      assert.equal(row[1], m.value);
      assert.equal(Number(row[2]), receipts[i].partition, 'kcat sees the partition the receipt named');
      assert.equal(row[3], `ordo-type=StepEntered,seq=${i}`);
    }
  });

  test('Kafka and librdkafka agree on the partition of a key (murmur2 default partitioner)', async () => {
    const topic = uniqueName('kcat.partition');
    await bus.admin.createTopics([{ name: topic, partitions: 6 }]);
    const keys = Array.from({ length: 10 }, (_, i) => `exec-${i}`);
    await kcat(['-P', '-t', topic, '-K', '|', '-X', 'partitioner=murmur2_random'], keys.map((k) => `${k}|x`).join('\n') + '\n');
    const ours = await bus.publishBatch(topic, keys.map((k) => ({ key: k, value: 'y' })));
    const { received } = await recordingConsumer(bus, { groupId: uniqueName('g'), topics: [topic] });
    await received.waitForCount(20);
    for (const [i, key] of keys.entries()) {
      const theirs = received.messages.find((m) => m.key === key && m.value.toString() === 'x');
      assert.equal(theirs?.partition, ours[i].partition, `partition of ${key}`);
    }
  });
});
