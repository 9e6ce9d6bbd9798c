import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { murmur2, partitionForKey } from '@ordo/bus-local';
// The reference: kafkajs's Java-compatible murmur2 (tests may import drivers).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajsMurmur2: (key: string | Buffer) => number = require('kafkajs/src/producer/partitioners/default/murmur2');

describe('murmur2 (Kafka default partitioner hash)', () => {
  test('matches the Java client for known keys', () => {
    // Values from Kafka's UtilsTest.testMurmur2 (org.apache.kafka.common.utils).
    const cases: [string, number][] = [['21', -973932308], ['foobar', -790332482], ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829], ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971], ['abc', 479470107]];
    for (const [key, hash] of cases) assert.equal(murmur2(Buffer.from(key)), hash, key);
  });

  test('agrees with kafkajs on every length remainder and on non-ASCII keys', () => {
    const keys = ['', 'a', 'ab', 'abc', 'abcd', 'exec-00000001', 'ünïcödé-🚀', 'x'.repeat(1001)];
    for (const key of keys) assert.equal(murmur2(Buffer.from(key, 'utf8')) | 0, kafkajsMurmur2(key) | 0, JSON.stringify(key));
  });

  test('partitionForKey stays in range and is stable', () => {
    for (let i = 0; i < 200; i++) {
      const p = partitionForKey(`k${i}`, 7);
      assert.ok(p >= 0 && p < 7);
      assert.equal(partitionForKey(`k${i}`, 7), p);
    }
  });
});
