import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ordo, runOutput } from './ordo-process';

describe('ordo run: output, input and exit codes', { concurrency: 2 }, () => {
  test('Succeeded: one JSON object on stdout, exit 0; --input @file', async () => {
    const result = await ordo(['run', 'shop.yaml', '--handlers', 'handlers.cjs', '--input', '@order-input.json']);
    assert.equal(result.code, 0, result.stderr);
    const run = runOutput(result);
    assert.equal(run.status, 'Succeeded');
    assert.deepEqual(run.output, {
      greeting: 'hello Ada', loadedFrom: 'cjs', attempt: 1, stepName: 'greet', stepPath: 'greet', flowName: 'flow', charged: 42,
    });
    assert.equal(run.events, undefined, 'events only with --history');
    assert.equal('error' in run, false);
  });

  test('Failed: a handler error named PaymentDeclined becomes the execution error and cause, exit 1', async () => {
    const result = await ordo(['run', 'shop.yaml', '--handlers', 'handlers.cjs', '--input', '{"name":"Bo","amount":500}']);
    assert.equal(result.code, 1, result.stderr);
    const run = runOutput(result);
    assert.deepEqual([run.status, run.error, run.cause], ['Failed', 'PaymentDeclined', 'amount 500 is over the limit of 100']);
  });

  test('--history: every event as {eventId, type, stepName, path, time, detail}', async () => {
    const result = await ordo(['run', '../../../../test/fixtures/fdl-examples/20-doc-cli-guide-pass.yaml', '--history', '--input', '{"a":1}']);
    assert.equal(result.code, 0, result.stderr);
    const events = runOutput(result).events ?? [];
    assert.deepEqual(events.map((e) => [e.eventId, e.type, e.stepName, e.path]), [
      [1, 'ExecutionStarted', '', ''], [2, 'StepEntered', 'pass1', 'pass1'], [3, 'StepStarted', 'pass1', 'pass1'],
      [4, 'StepSucceeded', 'pass1', 'pass1'], [5, 'StepExited', 'pass1', 'pass1'], [6, 'ExecutionSucceeded', '', ''],
    ]);
    for (const e of events) {
      assert.deepEqual(Object.keys(e).sort(), ['detail', 'eventId', 'path', 'stepName', 'time', 'type']);
      assert.ok(!Number.isNaN(Date.parse(e.time)), e.time);
    }
    assert.deepEqual(events[0].detail.input, { a: 1 });
    assert.deepEqual(events[1].detail.local, {});
  });

  test('a flow whose own timeoutSeconds passes: status TimedOut, exit 1', async () => {
    const result = await ordo(['run', 'flow-timeout.yaml', '--virtual-time']);
    assert.equal(result.code, 1, result.stderr);
    const run = runOutput(result);
    assert.deepEqual([run.status, run.error], ['TimedOut', 'FnF.Timeout']);
  });

  test('bad JSON input, a non-object input and an unreadable @file: exit 2, a message on stderr, nothing on stdout', async () => {
    const results = await Promise.all([
      ordo(['run', 'shop.yaml', '--input', '{"name":']),
      ordo(['run', 'shop.yaml', '--input', '[1,2]']),
      ordo(['run', 'shop.yaml', '--input', '@missing-input.json']),
    ]);
    const patterns = [/--input is not valid JSON/, /--input must be a JSON object/, /--input: cannot read missing-input\.json/];
    results.forEach((result, i) => {
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, patterns[i]);
    });
  });

  test('an invalid flow: exit 2 with its issues (line:column CODE) on stderr', async () => {
    const result = await ordo(['run', 'invalid.yaml']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /RUNTIME\.INVALID_FLOW/);
    assert.match(result.stderr, /^ {2}12:9 FDL\.UNKNOWN_GOTO_TARGET /m);
  });
});
