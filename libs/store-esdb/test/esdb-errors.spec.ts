import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { isStoreError } from '@ordo/runtime';
import { translateEsdbError } from '../src/esdb-errors';
import { connectEsdb, esdbUrlFromEnv } from '../src/esdb-connection';

describe('EventStoreDB errors at the adapter edge', () => {
  test('a wrong expected version becomes STORE.VERSION_CONFLICT naming stream, expected and actual', () => {
    const driver = new WrongExpectedVersionError(undefined, { streamName: 'ordoExecution-1', expected: 3n, current: 5n });
    const error = translateEsdbError(driver, { operation: 'append', streamId: 'ordoExecution-1', expected: 3 });
    assert.ok(isStoreError(error, 'STORE.VERSION_CONFLICT'));
    assert.deepEqual(error.details, { streamId: 'ordoExecution-1', expected: 3, actual: 5 });
    assert.match(error.message, /ordoExecution-1.*3.*5/);
    assert.equal(error.cause, driver);
  });

  test('a missing stream reports actual no_stream', () => {
    const driver = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 'no_stream' });
    const error = translateEsdbError(driver, { operation: 'append', streamId: 's', expected: 0 });
    assert.equal(error.details.actual, 'no_stream');
  });

  test('an unavailable server is a retryable STORE.UNAVAILABLE', () => {
    const error = translateEsdbError(new UnavailableError(undefined, 'connection refused'), { operation: 'readStream', streamId: 's' });
    assert.ok(isStoreError(error, 'STORE.UNAVAILABLE'));
    assert.equal(error.retryable, true);
    assert.match(error.message, /readStream on stream "s"/);
  });
});

describe('EventStoreDB connection strings', () => {
  test('only esdb:// and esdb+discover:// are accepted, and passwords never reach messages', () => {
    assert.throws(() => connectEsdb('http://admin:secret@localhost:2113'),
      (e: unknown) => isStoreError(e, 'STORE.INVALID') && !e.message.includes('secret') && e.message.includes('esdb://'));
    assert.ok(connectEsdb('esdb://localhost:2113?tls=false'));
  });

  test('ORDO_ESDB_URL must be set', () => {
    assert.throws(() => esdbUrlFromEnv({}), (e: unknown) => isStoreError(e, 'STORE.INVALID') && e.message.includes('ORDO_ESDB_URL'));
    assert.equal(esdbUrlFromEnv({ ORDO_ESDB_URL: ' esdb://h:2113?tls=false ' }), 'esdb://h:2113?tls=false');
  });
});
