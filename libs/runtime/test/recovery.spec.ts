import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InMemoryEventStore, VirtualClock, RECOVERY_STREAM, type TaskHandlerContext } from '@ordo/runtime';
import { fdl, Harness, waitFor } from './support/harness';

const WAIT_THEN_TASK = fdl(
  'steps:',
  '  - type: wait',
  '    name: pause',
  '    duration: 60',
  '  - type: task',
  '    name: work',
  '    resourceArn: local:work',
);
const PARKED_TASK = fdl('steps:', '  - type: task', '    name: work', '    resourceArn: local:work', '    timeoutSeconds: 30');

describe('recovery', () => {
  test('a new engine re-arms pending timers and re-dispatches tasks with the same ids and tokens', async () => {
    const store = new InMemoryEventStore();
    const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
    const firstCalls: Array<{ taskId: string; token: string }> = [];
    const first = new Harness({ handlers: { work: (_i: unknown, ctx: TaskHandlerContext) => { firstCalls.push({ taskId: ctx.taskId, token: ctx.token }); return new Promise(() => {}); } } }, store, clock);
    await first.engine.start();
    await first.engine.deployFlow('waits', WAIT_THEN_TASK);
    await first.engine.deployFlow('parked', PARKED_TASK);
    for (const name of ['w1', 'w2']) await first.engine.startExecution({ flowName: 'waits', executionName: name });
    await first.engine.startExecution({ flowName: 'parked', executionName: 'p1' });
    await waitFor(() => firstCalls.length === 1, 'the first attempt');
    await first.close();

    const secondCalls: Array<{ taskId: string; token: string }> = [];
    const second = new Harness({ handlers: { work: async (_i: unknown, ctx: TaskHandlerContext) => { secondCalls.push({ taskId: ctx.taskId, token: ctx.token }); return { done: ctx.executionName }; } } }, store, clock);
    const report = await second.engine.start();
    assert.equal(report.runningExecutions, 3);
    await waitFor(() => secondCalls.length === 1, 'the re-dispatched attempt');
    assert.deepEqual(secondCalls[0], firstCalls[0], 'same task id and same token after restart');
    assert.equal((await second.runToEnd('parked', 'p1')).status, 'Succeeded');
    for (const name of ['w1', 'w2']) {
      const done = await second.runToEnd('waits', name);
      assert.equal(done.status, 'Succeeded', name);
      assert.deepEqual(done.output, { done: name });
    }
    await second.close();
  });

  test('the checkpoint lets a later start-up skip finished executions but never a running one', async () => {
    const store = new InMemoryEventStore();
    const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
    const tokens = new Map<string, string>();
    const handlers = { work: async (_i: unknown, ctx: TaskHandlerContext) => { tokens.set(ctx.executionName, ctx.token); return {}; } };
    const flow = fdl('steps:', '  - type: task', '    name: work', '    resourceArn: local:work', '    pattern: waitForCallback');
    const a = new Harness({ handlers }, store, clock);
    await a.engine.start();
    await a.engine.deployFlow('cb', flow);
    for (const name of ['done1', 'running', 'done2']) await a.engine.startExecution({ flowName: 'cb', executionName: name });
    await waitFor(() => tokens.size === 3, 'three submits');
    await a.engine.reportTaskSucceeded(tokens.get('done1')!, {});
    await a.engine.reportTaskSucceeded(tokens.get('done2')!, {});
    await a.settle();
    await a.close();
    const [checkpoint] = await store.readStreamBackwards(RECOVERY_STREAM, undefined, 1);
    assert.ok(checkpoint, 'close wrote a checkpoint');

    const b = new Harness({ handlers }, store, clock);
    const report = await b.engine.start();
    assert.equal(report.runningExecutions, 1);
    assert.ok(report.scannedEvents > 0);
    await b.engine.reportTaskSucceeded(tokens.get('running')!, { late: true });
    assert.deepEqual((await b.runToEnd('cb', 'running')).output, { late: true });
    await b.close();

    const c = new Harness({ handlers }, store, clock);
    const after = await c.engine.start();
    assert.equal(after.runningExecutions, 0);
    await c.close();
  });

  test('two engines on one store never record a transition twice (optimistic concurrency)', async () => {
    const store = new InMemoryEventStore();
    const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
    const tokens: string[] = [];
    const handlers = { work: async (_i: unknown, ctx: TaskHandlerContext) => { tokens.push(ctx.token); return {}; } };
    const flow = fdl('steps:', '  - type: task', '    name: work', '    resourceArn: local:work', '    pattern: waitForCallback', '  - type: pass', '    name: after');
    const a = new Harness({ handlers }, store, clock);
    const b = new Harness({ handlers }, store, clock);
    await a.engine.deployFlow('race', flow);
    assert.equal((await b.engine.deployFlow('race', flow)).created, false);
    await a.engine.startExecution({ flowName: 'race', executionName: 'r' });
    await waitFor(() => tokens.length === 1, 'the submit');
    await a.settle();
    await b.engine.describeExecution('race', 'r');
    const results = await Promise.allSettled([
      a.engine.reportTaskSucceeded(tokens[0], { by: 'a' }),
      b.engine.reportTaskSucceeded(tokens[0], { by: 'b' }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'exactly one report wins');
    const events = await store.readStream('ordoExecution-race.r');
    assert.equal(events.filter((e) => e.type === 'TaskSucceeded').length, 1);
    assert.equal(events.filter((e) => e.type === 'ExecutionSucceeded').length, 1);
    events.forEach((e, i) => assert.equal(e.revision, i));
    await a.close();
    await b.close();
  });

  test('long histories are snapshotted and reload to the same state', async () => {
    let calls = 0;
    const loop = fdl(
      'steps:',
      '  - type: task',
      '    name: tick',
      '    resourceArn: local:tick',
      '  - type: choice',
      '    name: again',
      '    choices:',
      '      - condition: $.n < 40',
      '        goto: tick',
    );
    const store = new InMemoryEventStore();
    // One append per task (no inline local tasks), so the history crosses many snapshot boundaries.
    const h = new Harness({ handlers: { tick: async () => ({ n: ++calls }) }, snapshotEvery: 50, cacheSize: 1, inlineLocalTasks: false }, store);
    await h.engine.deployFlow('loop', loop);
    await h.engine.startExecution({ flowName: 'loop', executionName: 'l' });
    const done = await h.runToEnd('loop', 'l');
    assert.equal(done.status, 'Succeeded');
    const snapshots = await store.readStream('ordoSnapshot-loop.l');
    assert.ok(snapshots.length >= 2, `expected snapshots, got ${snapshots.length}`);
    const fresh = new Harness({ snapshotEvery: 50 }, store);
    assert.deepEqual(await fresh.engine.describeExecution('loop', 'l'), done);
    await h.close();
    await fresh.close();
  });
});
