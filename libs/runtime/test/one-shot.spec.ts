import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRuntimeError, runFlowOnce, type TaskHandlerContext } from '@ordo/runtime';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'fdl-examples');

function fixture(name: string, wrap = false): string {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  if (!wrap) return text;
  const body = text.split('\n').filter((l) => !l.startsWith('#')).map((l) => `  ${l}`).join('\n');
  return body.trimStart().startsWith('- ') ? `version: v1\ntype: flow\nsteps:\n${body}` : `version: v1\ntype: flow\n${text}`;
}

describe('runFlowOnce on the example corpus', () => {
  test('20 (cli guide): the documented history shape', async () => {
    const result = await runFlowOnce(fixture('20-doc-cli-guide-pass.yaml'), {}, { history: true });
    assert.equal(result.status, 'Succeeded');
    const events = result.events ?? [];
    assert.deepEqual(events.slice(0, 3).map((e) => [e.eventId, e.type, e.stepName]), [
      [1, 'ExecutionStarted', ''], [2, 'StepEntered', 'pass1'], [3, 'StepStarted', 'pass1'],
    ]);
    assert.deepEqual(events[0].detail.input, {});
  });

  test('02 (nested parallel of passes): output {}', async () => {
    const result = await runFlowOnce(fixture('02-doc-parallel-nested-pass.yaml'), {});
    assert.deepEqual([result.status, result.output], ['Succeeded', {}]);
  });

  test('04 (wait 20 s) elapses instantly on virtual time with consistent timestamps', async () => {
    const started = Date.now();
    const result = await runFlowOnce(fixture('04-doc-wait-duration-constant.yaml'), {}, { virtualTime: true, history: true });
    assert.equal(result.status, 'Succeeded');
    const times = (result.events ?? []).map((e) => Date.parse(e.time));
    assert.equal(times.at(-1)! - times[0], 20_000);
    assert.ok(Date.now() - started < 20_000, 'no real 20 s wait');
  });

  test('13 (retry FnF.ALL): retries after 10, 20, 40 s and then fails', async () => {
    const result = await runFlowOnce(fixture('13-doc-retry-fnf-all-FRAGMENT.yaml', true), {}, {
      virtualTime: true, history: true, mocks: { hello: [{ error: 'FC.Unknown', cause: 'boom' }] },
    });
    assert.deepEqual([result.status, result.error, result.cause], ['Failed', 'FC.Unknown', 'boom']);
    const delays = (result.events ?? []).filter((e) => e.type === 'RetryScheduled').map((e) => e.detail.delayMs);
    assert.deepEqual(delays, [10_000, 20_000, 40_000]);
  });

  test('15 (waitForCallback): a handler reports after returning; the callback output is the local', async () => {
    const submit = async (input: Record<string, unknown>, ctx: TaskHandlerContext) => {
      assert.equal(input.taskToken, ctx.token);
      setImmediate(() => { void ctx.reportTaskSucceeded(ctx.token, { key: 'value' }); });
      return { ignored: true };
    };
    const result = await runFlowOnce(fixture('15-doc-callback-waitforcallback-FRAGMENT.yaml', true), {}, { virtualTime: true, handlers: { mytask: submit } });
    assert.deepEqual([result.status, result.output], ['Succeeded', { k: 'value' }]);
  });
});

describe('runFlowOnce contract', () => {
  const TASK = 'version: v1\ntype: flow\nsteps:\n  - type: task\n    name: hello\n    resourceArn: acs:fc:::services/s/functions/hello\n';

  test('handler keys: resource first, then step name, then path; mocks repeat their last response', async () => {
    const byResource = await runFlowOnce(TASK, {}, { handlers: { 'acs:fc:::services/s/functions/hello': async () => ({ by: 'resource' }), hello: async () => ({ by: 'name' }) } });
    assert.deepEqual(byResource.output, { by: 'resource' });
    const byName = await runFlowOnce(TASK, {}, { handlers: { hello: async () => ({ by: 'name' }) } });
    assert.deepEqual(byName.output, { by: 'name' });
    const loop = 'version: v1\ntype: flow\nsteps:\n  - type: task\n    name: t\n    resourceArn: local:t\n    retry:\n      - errors: [E]\n        maxAttempts: 5\n';
    const mocked = await runFlowOnce(loop, {}, { virtualTime: true, mocks: { t: [{ error: 'E', cause: '1' }, { output: { ok: 1 } }] } });
    assert.deepEqual(mocked.output, { ok: 1 });
  });

  test('a thrown error named like the error fails the task with that name and cause', async () => {
    const result = await runFlowOnce(TASK, {}, { handlers: { hello: async () => { throw Object.assign(new Error('no seats'), { name: 'BookFlightError' }); } } });
    assert.deepEqual([result.status, result.error, result.cause], ['Failed', 'BookFlightError', 'no seats']);
  });

  test('child flows run from the childFlows map', async () => {
    const parent = 'version: v1\ntype: flow\nsteps:\n  - type: task\n    name: c\n    resourceArn: acs:fnf:::flow/kid\n    pattern: sync\n';
    const kid = 'version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: p\n    outputMappings:\n      - target: fromKid\n        source: $input.x\n';
    const result = await runFlowOnce(parent, { x: 7 }, { childFlows: { kid } });
    assert.deepEqual([result.status, result.output], ['Succeeded', { fromKid: 7 }]);
  });

  test('a task with neither handler nor mock fails the run with RUNTIME.NO_HANDLER naming step and resource', async () => {
    await assert.rejects(runFlowOnce(fixture('01-doc-hello-task.yaml'), {}), (e) => {
      assert.ok(isRuntimeError(e, 'RUNTIME.NO_HANDLER'));
      assert.match(e.message, /step hello/);
      assert.match(e.message, /services\/fnf_test\/functions\/hello/);
      return true;
    });
  });

  test('bad flows, bad inputs and the overall timeout are clear errors', async () => {
    await assert.rejects(runFlowOnce('version: v1\ntype: flow\nsteps: 3\n', {}), (e) => isRuntimeError(e, 'RUNTIME.INVALID_FLOW'));
    await assert.rejects(runFlowOnce(TASK, [1] as unknown as object, { mocks: { hello: [{ output: {} }] } }), (e) => isRuntimeError(e, 'RUNTIME.INVALID_INPUT'));
    const parked = 'version: v1\ntype: flow\nsteps:\n  - type: task\n    name: t\n    resourceArn: local:t\n    pattern: waitForCallback\n';
    await assert.rejects(runFlowOnce(parked, {}, { timeoutSeconds: 0.2, mocks: { t: [{ output: {} }] } }), (e) => isRuntimeError(e, 'RUNTIME.TIMEOUT'));
  });
});
