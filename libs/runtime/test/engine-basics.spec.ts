import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isRuntimeError } from '@ordo/runtime';
import { fdl, Harness } from './support/harness';

const TWO_TASKS = fdl(
  'steps:',
  '  - type: task',
  '    name: first',
  '    resourceArn: local:inc',
  '  - type: task',
  '    name: second',
  '    resourceArn: local:inc',
);

const inc = async (input: Record<string, unknown>) => ({ n: Number(input.n ?? 0) + 1 });

describe('engine: sequences and history', () => {
  test('runs tasks in order and records the history in Alibaba\'s shape', async () => {
    const h = new Harness({ handlers: { inc } });
    await h.engine.deployFlow('seq', TWO_TASKS);
    const started = await h.engine.startExecution({ flowName: 'seq', executionName: 'e1', input: { n: 1 } });
    assert.equal(started.status, 'Running');
    const done = await h.runToEnd('seq', 'e1');
    assert.equal(done.status, 'Succeeded');
    assert.deepEqual(done.output, { n: 3 });
    assert.equal(done.flowVersion, 1);
    const page = await h.engine.executionHistory('seq', 'e1', { limit: 1000 });
    page.events.forEach((e, i) => {
      assert.equal(e.eventId, i + 1);
      assert.equal(e.scheduleEventId, i);
    });
    assert.equal(page.events[0].type, 'ExecutionStarted');
    assert.equal(page.events[0].stepName, '');
    assert.equal(page.events.at(-1)?.type, 'ExecutionSucceeded');
    const scheduled = page.events.filter((e) => e.type === 'TaskScheduled');
    assert.deepEqual(scheduled.map((e) => [e.stepName, e.path, e.attempt]), [['first', 'first', 1], ['second', 'second', 1]]);
    await h.close();
  });

  test('pages the history with nextToken', async () => {
    const h = new Harness({ handlers: { inc } });
    await h.engine.deployFlow('seq', TWO_TASKS);
    await h.engine.startExecution({ flowName: 'seq', executionName: 'e1' });
    await h.runToEnd('seq', 'e1');
    const all = (await h.engine.executionHistory('seq', 'e1', { limit: 1000 })).events;
    const collected = [];
    let nextToken: string | undefined;
    do {
      const page = await h.engine.executionHistory('seq', 'e1', { limit: 4, nextToken });
      assert.ok(page.events.length <= 4);
      collected.push(...page.events);
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    assert.deepEqual(collected, all);
    await assert.rejects(h.engine.executionHistory('seq', 'e1', { nextToken: 'abc' }), (e) => isRuntimeError(e, 'RUNTIME.INVALID_NEXT_TOKEN'));
    await assert.rejects(h.engine.executionHistory('seq', 'e1', { limit: 0 }), (e) => isRuntimeError(e, 'RUNTIME.INVALID_ARGUMENT'));
    await h.close();
  });

  test('retries with exponential backoff on the virtual clock', async () => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error(`attempt ${calls} failed`), { name: 'Flaky' });
      return { ok: true };
    };
    const h = new Harness({ handlers: { flaky } });
    await h.engine.deployFlow('retry', fdl(
      'steps:',
      '  - type: task',
      '    name: call',
      '    resourceArn: local:flaky',
      '    retry:',
      '      - errors: [Flaky]',
      '        intervalSeconds: 2',
      '        multiplier: 3',
      '        maxAttempts: 5',
    ));
    const t0 = h.clock.now();
    await h.engine.startExecution({ flowName: 'retry', executionName: 'r' });
    const done = await h.runToEnd('retry', 'r');
    assert.equal(done.status, 'Succeeded');
    assert.equal(calls, 3);
    const events = (await h.engine.executionHistory('retry', 'r', { limit: 1000 })).events;
    const delays = events.filter((e) => e.type === 'RetryScheduled').map((e) => e.detail.delayMs);
    assert.deepEqual(delays, [2000, 6000]);
    assert.equal(h.clock.now() - t0, 8000, 'virtual time moved by exactly the backoff delays');
    await h.close();
  });

  test('a task attempt that outlives timeoutSeconds times out and its call is aborted', async () => {
    const aborted: boolean[] = [];
    const hang = (_input: unknown, ctx: { signal: AbortSignal }) => new Promise((resolve) => {
      ctx.signal.addEventListener('abort', () => { aborted.push(true); resolve({}); });
    });
    const h = new Harness({ handlers: { hang } });
    await h.engine.deployFlow('slow', fdl(
      'steps:',
      '  - type: task',
      '    name: call',
      '    resourceArn: local:hang',
      '    timeoutSeconds: 5',
    ));
    await h.engine.startExecution({ flowName: 'slow', executionName: 's' });
    const done = await h.runToEnd('slow', 's');
    assert.equal(done.status, 'Failed');
    assert.equal(done.error, 'FnF.TaskTimeout');
    assert.deepEqual(aborted, [true]);
    assert.ok((await h.eventTypes('slow', 's')).includes('TaskTimedOut'));
    await h.close();
  });

  test('a handler result that is not an object fails the task with FnF.InvalidLocal', async () => {
    const h = new Harness({ handlers: { bad: async () => 'not an object' } });
    await h.engine.deployFlow('bad', fdl('steps:', '  - type: task', '    name: call', '    resourceArn: local:bad'));
    await h.engine.startExecution({ flowName: 'bad', executionName: 'b' });
    const done = await h.runToEnd('bad', 'b');
    assert.equal(done.status, 'Failed');
    assert.equal(done.error, 'FnF.InvalidLocal');
    await h.close();
  });

  test('a local target without a registered handler fails the task with FnF.RuntimeError', async () => {
    const h = new Harness();
    await h.engine.deployFlow('nohandler', fdl('steps:', '  - type: task', '    name: call', '    resourceArn: local:missing'));
    await h.engine.startExecution({ flowName: 'nohandler', executionName: 'n' });
    const done = await h.runToEnd('nohandler', 'n');
    assert.equal(done.status, 'Failed');
    assert.equal(done.error, 'FnF.RuntimeError');
    assert.match(done.cause ?? '', /missing/);
    await h.close();
  });

  test('stop ends a running execution, aborts its task and cannot be repeated', async () => {
    let signal: AbortSignal | undefined;
    const park = (_i: unknown, ctx: { signal: AbortSignal }) => { signal = ctx.signal; return new Promise(() => {}); };
    const h = new Harness({ handlers: { park } });
    await h.engine.deployFlow('stoppable', fdl('steps:', '  - type: task', '    name: call', '    resourceArn: local:park'));
    await h.engine.startExecution({ flowName: 'stoppable', executionName: 's' });
    const stopped = await h.engine.stopExecution('stoppable', 's', { error: 'Halt', cause: 'operator' });
    assert.equal(stopped.status, 'Stopped');
    assert.equal(stopped.error, 'Halt');
    assert.ok(stopped.stoppedAt);
    assert.equal(signal?.aborted, true);
    await assert.rejects(h.engine.stopExecution('stoppable', 's'), (e) => isRuntimeError(e, 'RUNTIME.EXECUTION_NOT_RUNNING'));
    await assert.rejects(h.engine.stopExecution('stoppable', 'nope'), (e) => isRuntimeError(e, 'RUNTIME.EXECUTION_NOT_FOUND'));
    await h.close();
  });
});
