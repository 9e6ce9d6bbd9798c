import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PARENT_ENDED_ERROR } from '@ordo/runtime';
import { fdl, Harness, waitFor } from './support/harness';

const CHILD_OK = fdl('steps:', '  - type: task', '    name: work', '    resourceArn: local:double');
const CHILD_FAILS = fdl('steps:', '  - type: fail', '    name: no', '    error: AuditUnknown', '    cause: cannot decide');
const CHILD_PARKS = fdl('steps:', '  - type: task', '    name: hold', '    resourceArn: local:park', '    pattern: waitForCallback');

function parent(pattern: string, extra: string[] = []): string {
  return fdl(
    'steps:',
    '  - type: task',
    '    name: callChild',
    '    resourceArn: acs:fnf:::flow/child',
    `    pattern: ${pattern}`,
    '    serviceParams:',
    '      Input: $',
    '      ExecutionName: $.name',
    ...extra,
  );
}

function harness() {
  const parked: string[] = [];
  const h = new Harness({
    handlers: {
      double: async (input) => ({ doubled: Number(input.n) * 2 }),
      park: async (_i, ctx) => { parked.push(ctx.token); return {}; },
    },
  });
  return { h, parked };
}

describe('child flows', () => {
  test('sync: the parent waits and takes the child\'s output', async () => {
    const { h } = harness();
    await h.engine.deployFlow('child', CHILD_OK);
    await h.engine.deployFlow('parent', parent('sync'));
    await h.engine.startExecution({ flowName: 'parent', executionName: 'p', input: { n: 21, name: 'kid' } });
    const done = await h.runToEnd('parent', 'p');
    assert.equal(done.status, 'Succeeded');
    assert.deepEqual(done.output, { doubled: 42 });
    const child = await h.engine.describeExecution('child', 'kid');
    assert.equal(child.status, 'Succeeded');
    assert.deepEqual(child.input, { n: 21, name: 'kid' });
    const types = await h.eventTypes('parent', 'p');
    assert.ok(types.indexOf('ChildExecutionStarted') < types.indexOf('TaskSucceeded'), types.join(','));
    await h.close();
  });

  test('requestResponse: the parent continues once the child has started', async () => {
    const { h, parked } = harness();
    await h.engine.deployFlow('child', CHILD_PARKS);
    await h.engine.deployFlow('parent', parent('requestResponse'));
    await h.engine.startExecution({ flowName: 'parent', executionName: 'p', input: { name: 'kid' } });
    const done = await h.runToEnd('parent', 'p');
    assert.equal(done.status, 'Succeeded');
    assert.deepEqual(done.output, { flowName: 'child', executionName: 'kid' });
    await waitFor(() => parked.length === 1, 'the child task');
    assert.equal((await h.engine.describeExecution('child', 'kid')).status, 'Running');
    await h.close();
  });

  test('waitForCallback: the task is submitted and completes when the child ends', async () => {
    const { h, parked } = harness();
    await h.engine.deployFlow('child', CHILD_PARKS);
    await h.engine.deployFlow('parent', parent('waitForCallback'));
    await h.engine.startExecution({ flowName: 'parent', executionName: 'p', input: { name: 'kid' } });
    await waitFor(() => parked.length === 1, 'the child task');
    await h.settle();
    assert.ok((await h.eventTypes('parent', 'p')).includes('ChildExecutionStarted'));
    assert.equal((await h.engine.describeExecution('parent', 'p')).status, 'Running');
    await h.engine.reportTaskSucceeded(parked[0], { fromChild: true });
    const done = await h.runToEnd('parent', 'p');
    assert.equal(done.status, 'Succeeded');
    assert.deepEqual(done.output, { fromChild: true });
    await h.close();
  });

  test('a failed child fails the parent task with the child\'s error and cause; catch applies', async () => {
    const { h } = harness();
    await h.engine.deployFlow('child', CHILD_FAILS);
    await h.engine.deployFlow('parent', parent('sync', [
      '    catch:',
      '      - errors: [AuditUnknown]',
      '        goto: handled',
      '  - type: pass',
      '    name: handled',
    ]));
    await h.engine.deployFlow('strict', parent('sync'));
    await h.engine.startExecution({ flowName: 'parent', executionName: 'p', input: { name: 'kid1' } });
    await h.engine.startExecution({ flowName: 'strict', executionName: 's', input: { name: 'kid2' } });
    assert.equal((await h.runToEnd('parent', 'p')).status, 'Succeeded');
    const strict = await h.runToEnd('strict', 's');
    assert.equal(strict.status, 'Failed');
    assert.equal(strict.error, 'AuditUnknown');
    assert.equal(strict.cause, 'cannot decide');
    await h.close();
  });

  test('a stopped child fails the parent task with the stop error', async () => {
    const { h, parked } = harness();
    await h.engine.deployFlow('child', CHILD_PARKS);
    await h.engine.deployFlow('parent', parent('sync'));
    await h.engine.startExecution({ flowName: 'parent', executionName: 'p', input: { name: 'run10' } });
    await waitFor(() => parked.length === 1, 'the child task');
    await h.engine.stopExecution('child', 'run10', { error: 'AnyCustomError', cause: 'operator' });
    const done = await h.runToEnd('parent', 'p');
    assert.equal(done.status, 'Failed');
    assert.equal(done.error, 'AnyCustomError');
    await h.close();
  });

  test('a child name taken by an unrelated finished execution fails the task', async () => {
    const { h } = harness();
    await h.engine.deployFlow('child', CHILD_OK);
    await h.engine.deployFlow('parent', parent('sync'));
    await h.engine.startExecution({ flowName: 'child', executionName: 'taken', input: { n: 1 } });
    await h.runToEnd('child', 'taken');
    await h.engine.startExecution({ flowName: 'parent', executionName: 'p', input: { n: 1, name: 'taken' } });
    const done = await h.runToEnd('parent', 'p');
    assert.equal(done.status, 'Failed');
    assert.equal(done.error, 'fnf.ExecutionAlreadyExists');
    await h.close();
  });

  test('stopping the parent stops the child its sync task waits for', async () => {
    const { h, parked } = harness();
    await h.engine.deployFlow('child', CHILD_PARKS);
    await h.engine.deployFlow('parent', parent('sync'));
    await h.engine.startExecution({ flowName: 'parent', executionName: 'p', input: { name: 'kid' } });
    await waitFor(() => parked.length === 1, 'the child task');
    await h.settle();
    await h.engine.stopExecution('parent', 'p', { error: 'Cancelled', cause: 'operator' });
    const child = await waitFor(async () => {
      const d = await h.engine.describeExecution('child', 'kid');
      return d.status !== 'Running' && d;
    }, 'the child to stop');
    assert.equal(child.status, 'Stopped');
    assert.equal(child.error, PARENT_ENDED_ERROR);
    assert.match(child.cause ?? '', /Parent execution p of flow parent is Stopped/);
    assert.equal((await h.engine.describeExecution('parent', 'p')).error, 'Cancelled');
    await h.close();
  });

  test('a parent failing in another parallel branch stops the child the first branch waits for', async () => {
    const { h, parked } = harness();
    await h.engine.deployFlow('child', CHILD_PARKS);
    await h.engine.deployFlow('parent', fdl(
      'steps:',
      '  - type: parallel',
      '    name: both',
      '    branches:',
      '      - steps:',
      '          - type: task',
      '            name: callChild',
      '            resourceArn: acs:fnf:::flow/child',
      '            pattern: waitForCallback',
      '            serviceParams:',
      '              ExecutionName: $.name',
      '      - steps:',
      '          - type: wait',
      '            name: later',
      '            duration: 5',
      '          - type: fail',
      '            name: boom',
      '            error: Boom',
    ));
    await h.engine.startExecution({ flowName: 'parent', executionName: 'p', input: { name: 'kid' } });
    await waitFor(() => parked.length === 1, 'the child task');
    await h.settle();
    assert.equal((await h.engine.describeExecution('child', 'kid')).status, 'Running');
    const done = await h.runToEnd('parent', 'p');
    assert.equal(done.status, 'Failed');
    assert.equal(done.error, 'Boom');
    const child = await waitFor(async () => {
      const d = await h.engine.describeExecution('child', 'kid');
      return d.status !== 'Running' && d;
    }, 'the child to stop');
    assert.equal(child.status, 'Stopped');
    assert.equal(child.error, PARENT_ENDED_ERROR);
    await h.close();
  });

  test('a sync task that times out and is caught stops its child while the parent runs on', async () => {
    const { h, parked } = harness();
    await h.engine.deployFlow('child', CHILD_PARKS);
    await h.engine.deployFlow('parent', parent('sync', [
      '    timeoutSeconds: 10',
      '    catch:',
      '      - errors: [FnF.TaskTimeout]',
      '        goto: hold',
      '  - type: wait',
      '    name: hold',
      '    duration: 1000',
    ]));
    await h.engine.startExecution({ flowName: 'parent', executionName: 'p', input: { name: 'kid' } });
    await waitFor(() => parked.length === 1, 'the child task');
    assert.ok(await h.fireNextTimer(), 'the task timeout');
    const child = await waitFor(async () => {
      const d = await h.engine.describeExecution('child', 'kid');
      return d.status !== 'Running' && d;
    }, 'the child to stop');
    assert.equal(child.status, 'Stopped');
    assert.equal(child.error, PARENT_ENDED_ERROR);
    assert.match(child.cause ?? '', /no longer waits for task/);
    assert.equal((await h.engine.describeExecution('parent', 'p')).status, 'Running');
    await h.close();
  });

  test('a finished child is not touched when the parent ends normally', async () => {
    const { h } = harness();
    await h.engine.deployFlow('child', CHILD_OK);
    await h.engine.deployFlow('parent', parent('sync'));
    await h.engine.startExecution({ flowName: 'parent', executionName: 'p', input: { n: 2, name: 'kid' } });
    assert.equal((await h.runToEnd('parent', 'p')).status, 'Succeeded');
    await h.settle();
    assert.equal((await h.engine.describeExecution('child', 'kid')).status, 'Succeeded');
    assert.ok(!(await h.eventTypes('child', 'kid')).includes('ExecutionStopped'));
    await h.close();
  });

  test('recovery stops a child whose parent ended before a crash let it stop the child', async () => {
    const { h, parked } = harness();
    await h.engine.deployFlow('child', CHILD_PARKS);
    await h.engine.deployFlow('parent', parent('sync'));
    await h.engine.startExecution({ flowName: 'parent', executionName: 'p', input: { name: 'kid' } });
    await waitFor(() => parked.length === 1, 'the child task');
    await h.settle();
    await h.close();
    // A second engine that never saw the child's task (no start-up recovery) stops the parent:
    // the same as a crash between the parent's stop and the child's.
    const before = new Harness({}, h.store, h.clock);
    await before.engine.stopExecution('parent', 'p', { error: 'Cancelled' });
    await before.settle();
    assert.equal((await before.engine.describeExecution('child', 'kid')).status, 'Running');
    await before.close();
    const after = new Harness({ handlers: { park: async () => ({}) } }, h.store, h.clock);
    await after.engine.start();
    const child = await waitFor(async () => {
      const d = await after.engine.describeExecution('child', 'kid');
      return d.status !== 'Running' && d;
    }, 'the recovered child to stop');
    assert.equal(child.status, 'Stopped');
    assert.equal(child.error, PARENT_ENDED_ERROR);
    await after.settle();
    await after.close();
    // Recovering again is a no-op: the child is finished.
    const again = new Harness({ handlers: { park: async () => ({}) } }, h.store, h.clock);
    assert.equal((await again.engine.start()).runningExecutions, 0);
    await again.close();
  });
});
