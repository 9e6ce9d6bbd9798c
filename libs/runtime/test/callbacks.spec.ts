import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isRuntimeError, type TaskHandlerContext } from '@ordo/runtime';
import { fdl, Harness, waitFor } from './support/harness';

const CALLBACK = fdl(
  'steps:',
  '  - type: task',
  '    name: approve',
  '    resourceArn: local:submit',
  '    pattern: waitForCallback',
  '    inputMappings:',
  '      - target: token',
  '        source: $context.task.token',
  '    retry:',
  '      - errors: [Retry]',
  '        intervalSeconds: 1',
);

/** A harness whose `submit` handler records the token it receives in its input and its context. */
function callbackHarness(options: { heartbeatFlow?: string } = {}) {
  const tokens: Array<{ input: string; ctx: string }> = [];
  const submit = async (input: Record<string, unknown>, ctx: TaskHandlerContext) => {
    tokens.push({ input: String(input.token), ctx: ctx.token });
    return { discarded: true };
  };
  const h = new Harness({ handlers: { submit } });
  return { h, tokens, flow: options.heartbeatFlow ?? CALLBACK };
}

describe('engine: callbacks and task tokens', () => {
  test('a good token completes the task with the reported output; the submit result is discarded', async () => {
    const { h, tokens, flow } = callbackHarness();
    await h.engine.deployFlow('cb', flow);
    await h.engine.startExecution({ flowName: 'cb', executionName: 'c' });
    await waitFor(() => tokens.length === 1, 'the submit call');
    await h.settle();
    assert.equal(tokens[0].input, tokens[0].ctx, 'the placeholder in the input was replaced by the real token');
    assert.ok((await h.eventTypes('cb', 'c')).includes('TaskSubmitted'));
    const eventId = await h.engine.reportTaskSucceeded(tokens[0].ctx, { approved: true });
    const history = (await h.engine.executionHistory('cb', 'c', { limit: 1000 })).events;
    assert.equal(history[eventId - 1].type, 'TaskSucceeded', 'the returned id is the TaskSucceeded event');
    const done = await h.runToEnd('cb', 'c');
    assert.equal(done.status, 'Succeeded');
    assert.deepEqual(done.output, { approved: true });
    const serialized = JSON.stringify(history);
    assert.ok(!serialized.includes(tokens[0].ctx), 'no token is stored in events');
    await h.close();
  });

  test('forged, malformed and used tokens are rejected and change nothing', async () => {
    const { h, tokens, flow } = callbackHarness();
    await h.engine.deployFlow('cb', flow);
    await h.engine.startExecution({ flowName: 'cb', executionName: 'c' });
    await waitFor(() => tokens.length === 1, 'the submit call');
    await h.settle();
    const before = await h.eventTypes('cb', 'c');
    const [idPart] = tokens[0].ctx.split('.');
    await assert.rejects(h.engine.reportTaskSucceeded(`${idPart}.AAAA`, {}), (e) => isRuntimeError(e, 'RUNTIME.INVALID_TOKEN'));
    await assert.rejects(h.engine.reportTaskSucceeded('garbage', {}), (e) => isRuntimeError(e, 'RUNTIME.INVALID_TOKEN'));
    await assert.rejects(h.engine.reportTaskSucceeded(tokens[0].ctx, '[1]'), (e) => isRuntimeError(e, 'RUNTIME.INVALID_OUTPUT'));
    await assert.rejects(h.engine.reportTaskSucceeded(tokens[0].ctx, '{oops'), (e) => isRuntimeError(e, 'RUNTIME.INVALID_OUTPUT'));
    await assert.rejects(h.engine.reportTaskFailed(tokens[0].ctx, ''), (e) => isRuntimeError(e, 'RUNTIME.INVALID_ARGUMENT'));
    assert.deepEqual(await h.eventTypes('cb', 'c'), before, 'bad reports recorded nothing');
    await h.engine.reportTaskSucceeded(tokens[0].ctx, { first: true });
    await assert.rejects(h.engine.reportTaskSucceeded(tokens[0].ctx, { second: true }), (e) => isRuntimeError(e, 'RUNTIME.TOKEN_REJECTED'));
    await assert.rejects(h.engine.reportTaskHeartbeat(tokens[0].ctx), (e) => isRuntimeError(e, 'RUNTIME.TOKEN_REJECTED'));
    const done = await h.runToEnd('cb', 'c');
    assert.deepEqual(done.output, { first: true });
    await h.close();
  });

  test('a failure report retries with a fresh token; the superseded token is rejected', async () => {
    const { h, tokens, flow } = callbackHarness();
    await h.engine.deployFlow('cb', flow);
    await h.engine.startExecution({ flowName: 'cb', executionName: 'c' });
    await waitFor(() => tokens.length === 1, 'the first submit');
    await h.settle();
    await h.engine.reportTaskFailed(tokens[0].ctx, 'Retry', 'try again');
    await h.fireNextTimer();
    await waitFor(() => tokens.length === 2, 'the second submit');
    await h.settle();
    assert.notEqual(tokens[1].ctx, tokens[0].ctx, 'each attempt has its own token');
    await assert.rejects(h.engine.reportTaskSucceeded(tokens[0].ctx, { late: true }), (e) => isRuntimeError(e, 'RUNTIME.TOKEN_REJECTED'));
    await h.engine.reportTaskSucceeded(tokens[1].ctx, { attempt: 2 });
    const done = await h.runToEnd('cb', 'c');
    assert.deepEqual(done.output, { attempt: 2 });
    await h.close();
  });

  test('heartbeats keep a callback task alive; a missed heartbeat fails it with FnF.TaskTimeout', async () => {
    const { h, tokens } = callbackHarness();
    await h.engine.deployFlow('hb', fdl(
      'steps:',
      '  - type: task',
      '    name: work',
      '    resourceArn: local:submit',
      '    pattern: waitForCallback',
      '    heartbeatSeconds: 10',
    ));
    const t0 = h.clock.now();
    await h.engine.startExecution({ flowName: 'hb', executionName: 'h' });
    await waitFor(() => tokens.length === 1, 'the submit');
    await h.settle();
    h.clock.advanceBy(8000);
    const eventId = await h.engine.reportTaskHeartbeat(tokens[0].ctx);
    const history = (await h.engine.executionHistory('hb', 'h', { limit: 1000 })).events;
    assert.equal(history[eventId - 1].type, 'TaskHeartbeat');
    const done = await h.runToEnd('hb', 'h');
    assert.equal(done.status, 'Failed');
    assert.equal(done.error, 'FnF.TaskTimeout');
    assert.ok(h.clock.now() - t0 >= 18_000, 'the deadline moved with the heartbeat');
    await h.close();
  });

  test('a failing submit records TaskSubmitFailed and fails the step with the handler\'s error', async () => {
    const failing = async () => { throw Object.assign(new Error('queue full'), { name: 'SubmitError' }); };
    const h = new Harness({ handlers: { submit: failing } });
    await h.engine.deployFlow('cb', CALLBACK);
    await h.engine.startExecution({ flowName: 'cb', executionName: 'c' });
    const done = await h.runToEnd('cb', 'c');
    assert.equal(done.status, 'Failed');
    assert.equal(done.error, 'SubmitError');
    assert.ok((await h.eventTypes('cb', 'c')).includes('TaskSubmitFailed'));
    await h.close();
  });
});
