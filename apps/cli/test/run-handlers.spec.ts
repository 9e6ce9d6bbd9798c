import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ordo, runOutput } from './ordo-process';

describe('ordo run --handlers and --mocks', { concurrency: 2 }, () => {
  test('the example order flow runs with examples/handlers.js (local:NAME keyed by the bare NAME)', async () => {
    const result = await ordo(['run', '../../../../examples/order.yaml', '--handlers', '../../../../examples/handlers.js',
      '--input', '{"orderId":"A-2","amount":5000}', '--virtual-time']);
    assert.equal(result.code, 0, result.stderr);
    const run = runOutput(result);
    assert.deepEqual([run.status, run.output?.status, run.output?.paymentError], ['Succeeded', 'cancelled', 'PaymentDeclined']);
  });

  test('an ESM (.mjs) module with named exports: a handler found by its step name', async () => {
    const result = await ordo(['run', 'shop.yaml', '--handlers', 'handlers.mjs', '--input', '{"name":"Cy","amount":7}']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(runOutput(result).output, { greeting: 'hello Cy', loadedFrom: 'esm', charged: 7, by: 'step name' });
  });

  test('a TypeScript module with a default export', async () => {
    const result = await ordo(['run', 'shop.yaml', '--handlers', 'handlers.ts', '--input', '{"name":"Di","amount":3}']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(runOutput(result).output, { greeting: 'hello Di', loadedFrom: 'ts', charged: 3 });
  });

  test('waitForCallback: the handler returns, then reports heartbeat and success with ctx.token', async () => {
    const result = await ordo(['run', 'callback.yaml', '--handlers', 'callback-handlers.cjs', '--input', '{"orderId":"A-7"}']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(runOutput(result).output, { approvedBy: 'alice', orderId: 'A-7' });
  });

  test('mocks are consumed one per call: a failure, then an output; a second task keyed by its step name', async () => {
    const result = await ordo(['run', 'retry.yaml', '--mocks', 'retry-recovers.mocks.yaml', '--virtual-time', '--history']);
    assert.equal(result.code, 0, result.stderr);
    const run = runOutput(result);
    assert.deepEqual(run.output, { ok: 1, s: 1 });
    const taskEvents = (run.events ?? []).filter((e) => e.type.startsWith('Task')).map((e) => [e.type, e.stepName]);
    assert.deepEqual(taskEvents, [
      ['TaskScheduled', 'flaky'], ['TaskFailed', 'flaky'], ['TaskScheduled', 'flaky'], ['TaskSucceeded', 'flaky'],
      ['TaskScheduled', 'stable'], ['TaskSucceeded', 'stable'],
    ]);
  });

  test('the last mock response repeats (keyed by the full resourceArn): four calls, the last three "every later call"', async () => {
    const result = await ordo(['run', 'retry.yaml', '--mocks', 'retry-exhausted.mocks.yaml', '--virtual-time', '--history']);
    assert.equal(result.code, 1, result.stderr);
    const run = runOutput(result);
    assert.deepEqual([run.status, run.error, run.cause], ['Failed', 'Busy', 'every later call']);
    const causes = (run.events ?? []).filter((e) => e.type === 'TaskFailed').map((e) => e.detail.cause);
    assert.deepEqual(causes, ['first call', 'every later call', 'every later call', 'every later call']);
  });

  test('a task with neither handler nor mock: exit 2 naming the step and the resource', async () => {
    const result = await ordo(['run', 'shop.yaml', '--mocks', 'retry-recovers.mocks.yaml']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /RUNTIME\.NO_HANDLER/);
    assert.match(result.stderr, /step greet/);
    assert.match(result.stderr, /resource local:greet/);
  });

  test('a handlers module that does not exist or exports a non-function: exit 2', async () => {
    const [missing, bad] = await Promise.all([
      ordo(['run', 'shop.yaml', '--handlers', 'no-such-handlers.js']),
      ordo(['run', 'shop.yaml', '--mocks', 'invalid.yaml']),
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--handlers: no module at .*no-such-handlers\.js/);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--mocks: .*invalid\.yaml/);
  });
});
