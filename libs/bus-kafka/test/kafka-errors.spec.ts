import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { isBusError } from '@ordo/runtime';
import { parseBrokers, toBusError } from '@ordo/bus-kafka';

describe('toBusError (kafkajs → BUS.*)', () => {
  test('connection loss is BUS.UNAVAILABLE and retryable, even behind a retries-exceeded wrapper', () => {
    const wrapped = new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error: ECONNREFUSED'), { retryCount: 5, retryTime: 100 });
    const e = toBusError(wrapped, 'publish 1 message(s) to "t"', { topic: 't' });
    assert.ok(isBusError(e, 'BUS.UNAVAILABLE'));
    assert.equal(e.retryable, true);
    assert.equal(e.message, 'Kafka failed to publish 1 message(s) to "t": Connection error: ECONNREFUSED.');
    assert.equal(e.details.topic, 't');
  });

  test('protocol errors map by type and keep kafkajs\'s retriable flag', () => {
    const rebalance = toBusError(new KafkaJSProtocolError({ type: 'REBALANCE_IN_PROGRESS', message: 'The group is rebalancing', retriable: false, code: 27 } as never), 'commit offsets');
    assert.ok(isBusError(rebalance, 'BUS.REBALANCE_IN_PROGRESS'));
    assert.equal(rebalance.retryable, false);
    const tooLarge = toBusError(new KafkaJSProtocolError({ type: 'MESSAGE_TOO_LARGE', message: 'too large', retriable: false, code: 10 } as never), 'publish');
    assert.ok(isBusError(tooLarge, 'BUS.MESSAGE_TOO_LARGE'));
  });

  test('anything else is BUS.FAILED and not retryable', () => {
    const e = toBusError(new Error('boom'), 'do a thing');
    assert.ok(isBusError(e, 'BUS.FAILED'));
    assert.equal(e.retryable, false);
  });
});

describe('parseBrokers', () => {
  test('splits and trims host:port lists and rejects anything else', () => {
    assert.deepEqual(parseBrokers(' 127.0.0.1:19092, kafka:9092 '), ['127.0.0.1:19092', 'kafka:9092']);
    assert.throws(() => parseBrokers('localhost'), (e: unknown) => isBusError(e, 'BUS.INVALID'));
    assert.throws(() => parseBrokers(''), (e: unknown) => isBusError(e, 'BUS.INVALID'));
  });
});
