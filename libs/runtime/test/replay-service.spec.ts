import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fold, initialState } from '@ordo/core';
import { ReplayService, decodeExecutionEvent, executionStream, isRuntimeError, snapshotStream } from '@ordo/runtime';
import { Harness, fdl } from './support/harness';

const FLOW = fdl(
  'steps:',
  '  - type: parallel',
  '    name: fan',
  '    branches:',
  '      - steps:',
  '          - type: task',
  '            name: flaky',
  '            resourceArn: local:flaky',
  '            retry:',
  '              - errors: [Busy]',
  '                intervalSeconds: 1',
  '                maxAttempts: 3',
  '      - steps:',
  '          - type: task',
  '            name: steady',
  '            resourceArn: local:steady',
  '  - type: pass',
  '    name: done',
);

/** Runs one execution of FLOW (flaky fails twice, then succeeds) with snapshots every 3 events. */
async function recordedExecution(): Promise<Harness> {
  const attempts = new Map<string, number>();
  const h = new Harness({ snapshotEvery: 3 });
  h.engine.registerHandler('flaky', async (_input, ctx) => {
    const n = (attempts.get(ctx.executionName) ?? 0) + 1;
    attempts.set(ctx.executionName, n);
    if (n < 3) throw Object.assign(new Error(`busy ${n}`), { name: 'Busy' });
    return { flaky: n };
  });
  h.engine.registerHandler('steady', async () => ({ steady: true }));
  await h.engine.deployFlow('fan', FLOW);
  await h.engine.startExecution({ flowName: 'fan', executionName: 'e1', input: { x: 1 } });
  const end = await h.runToEnd('fan', 'e1');
  assert.equal(end.status, 'Succeeded');
  return h;
}

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('ReplayService', () => {
  test('the state at every event equals a fresh fold of the events up to it (snapshots used)', async () => {
    const h = await recordedExecution();
    const recorded = await h.store.readStream(executionStream('fan.e1'));
    const snapshots = await h.store.readStream(snapshotStream('fan.e1'));
    assert.ok(snapshots.length >= 2, `expected snapshots, got ${snapshots.length}`);
    const replay = new ReplayService(h.store);
    const events = recorded.map(decodeExecutionEvent);
    for (let eventId = 1; eventId <= events.length; eventId++) {
      const at = await replay.stateAt('fan', 'e1', eventId);
      assert.equal(at.eventId, eventId);
      assert.equal(at.lastEventId, events.length);
      assert.deepEqual(json(at.state), json(fold(events.slice(0, eventId), initialState())), `state after event ${eventId}`);
    }
    const newest = await replay.stateAt('fan', 'e1');
    assert.equal(newest.state.status, 'Succeeded');
    await h.close();
  });

  test('rejects event ids outside the history and unknown executions', async () => {
    const h = await recordedExecution();
    const replay = new ReplayService(h.store);
    await assert.rejects(replay.stateAt('fan', 'e1', 0), (e) => isRuntimeError(e, 'RUNTIME.INVALID_ARGUMENT') && /atEventId must be/.test(e.message));
    await assert.rejects(replay.stateAt('fan', 'e1', 10_000), (e) => isRuntimeError(e, 'RUNTIME.INVALID_ARGUMENT'));
    await assert.rejects(replay.stateAt('fan', 'nope', 1), (e) => isRuntimeError(e, 'RUNTIME.EXECUTION_NOT_FOUND'));
    await h.close();
  });

  test('the recorded definition is compatible; a changed one diverges at the first event it decides differently', async () => {
    const h = await recordedExecution();
    const replay = new ReplayService(h.store, h.engine.registry);
    const same = await replay.replayAgainstDefinition('fan', 'e1', FLOW);
    assert.deepEqual({ compatible: same.compatible, divergence: same.divergence }, { compatible: true, divergence: undefined });
    assert.equal((await replay.replayAgainstRecordedVersion('fan', 'e1')).compatible, true);

    const fewerRetries = FLOW.replace('maxAttempts: 3', 'maxAttempts: 1');
    const changed = await replay.replayAgainstDefinition('fan', 'e1', fewerRetries);
    assert.equal(changed.compatible, false);
    const history = await h.engine.executionHistory('fan', 'e1', { limit: 1000 });
    const firstFailure = history.events.find((e) => e.type === 'TaskFailed');
    assert.ok(firstFailure);
    assert.ok(changed.divergence !== undefined);
    assert.ok(changed.divergence.eventId > firstFailure.eventId, 'the divergence comes after the first failure is recorded');
    assert.match(changed.divergence.reason, /RetryScheduled|this definition decides/);

    const renamed = await replay.replayAgainstDefinition('fan', 'e1', FLOW.replace('name: steady', 'name: calm'));
    assert.equal(renamed.compatible, false);
    assert.ok(renamed.divergence !== undefined && renamed.divergence.eventId > 1);
    await assert.rejects(replay.replayAgainstDefinition('fan', 'e1', 'version: v1\ntype: flow\nsteps: 3'),
      (e) => isRuntimeError(e, 'RUNTIME.INVALID_FLOW'));
    await h.close();
  });
});
