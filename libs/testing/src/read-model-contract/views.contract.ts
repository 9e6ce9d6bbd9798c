import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordFeed, batchesOf } from './histories';
import { SAMPLE_NOW, sampleHistories, type OpenReadModelHarness } from './fixture';
import type { ReadModelStore } from '@ordo/read-models';

async function withSample(open: OpenReadModelHarness, body: (store: ReadModelStore) => Promise<void>): Promise<void> {
  const harness = await open();
  const store = await harness.open();
  try {
    for (const batch of batchesOf(recordFeed(sampleHistories()), 7)) await store.apply(batch);
    await body(store);
  } finally {
    await store.close();
    await harness.destroy();
  }
}

/** What the four views hold after the sample histories. */
export function viewsContract(open: OpenReadModelHarness): void {
  test('executions: status, input/output, error, times, trigger, parent and last revision', () => withSample(open, async (store) => {
    const o1 = await store.getExecution('orders', 'o1');
    assert.deepEqual(o1 && { ...o1 }, {
      executionId: 'orders.o1', flowName: 'orders', flowVersion: 1, executionName: 'o1', status: 'Succeeded',
      input: { id: 1 }, output: { paid: true }, error: null, cause: null,
      startedAt: '2030-01-01T10:00:00.000Z', stoppedAt: '2030-01-01T10:00:02.431Z', deadlineAt: null,
      parentExecutionId: null, triggerKind: 'api', triggerSource: null, lastRevision: 21,
    });
    const o2 = await store.getExecution('orders', 'o2');
    assert.deepEqual([o2?.status, o2?.error, o2?.cause, o2?.output], ['Failed', 'Declined', 'card declined', null]);
    const o3 = await store.getExecutionById('orders.o3');
    assert.deepEqual([o3?.status, o3?.stoppedAt, o3?.triggerKind, o3?.triggerSource, o3?.deadlineAt],
      ['Running', null, 'kafka', 'orders.created', '2030-01-01T10:05:00.000Z']);
    assert.equal((await store.getExecution('orders', 'o5'))?.status, 'Stopped');
    assert.equal((await store.getExecution('reports', 'r2'))?.status, 'TimedOut');
    assert.equal((await store.getExecution('reports', 'r1'))?.parentExecutionId, 'orders.o1');
    assert.equal(await store.getExecution('orders', 'nope'), null);
    assert.deepEqual((await store.children('orders.o1')).map((c) => c.executionId), ['reports.r1']);
    assert.deepEqual(await store.children('orders.o2'), []);
  }));

  test('execution_events: every event with event id, step name, path, attempt and detail', () => withSample(open, async (store) => {
    const trail = await store.listEvents('orders.o1', { first: 100 });
    assert.equal(trail.totalCount, 22);
    assert.deepEqual(trail.edges.map((e) => e.node.eventId), Array.from({ length: 22 }, (_, i) => i + 1));
    assert.deepEqual({ ...trail.edges[0].node }, {
      executionId: 'orders.o1', eventId: 1, type: 'ExecutionStarted', time: '2030-01-01T10:00:00.000Z',
      stepName: '', path: '', attempt: null,
      detail: { executionId: 'orders.o1', executionName: 'o1', flowName: 'orders', flowVersion: 1, input: { id: 1 }, trigger: { kind: 'api' }, decisionVersion: 1 },
    });
    const failed = trail.edges[8].node;
    assert.deepEqual([failed.type, failed.stepName, failed.path, failed.attempt, failed.time, failed.detail.error],
      ['TaskFailed', 'charge', 'charge', 1, '2030-01-01T10:00:00.110Z', 'HTTP.503']);
  }));

  test('step_runs: one row per attempt with status, times, duration and retries', () => withSample(open, async (store) => {
    const runs = await store.listStepRuns('orders.o1');
    assert.deepEqual(runs.map((r) => [r.runId, r.stepName, r.attempt, r.status, r.durationMs, r.retries, r.closed]), [
      [1, 'validate', 1, 'Succeeded', 10, 0, true],
      [5, 'charge', 1, 'Failed', 100, 0, true],
      [12, 'charge', 2, 'Failed', 120, 1, true],
      [17, 'charge', 3, 'Succeeded', 200, 2, true],
    ]);
    assert.deepEqual([runs[1].error, runs[1].cause, runs[1].enteredAt, runs[1].finishedAt],
      ['HTTP.503', 'busy', '2030-01-01T10:00:00.010Z', '2030-01-01T10:00:00.110Z']);
    assert.deepEqual([runs[3].input, runs[3].output], [{ order: 'charge' }, { paid: true, mapped: true }]);
    const o4 = await store.listStepRuns('orders.o4');
    assert.deepEqual(o4.map((r) => [r.path, r.status, r.error]), [
      ['fanout', 'Failed', 'Boom'], ['fanout/branch[1]/ship', 'Cancelled', null],
    ]);
    const r2 = await store.listStepRuns('reports.r2');
    assert.deepEqual(r2.map((r) => [r.status, r.error, r.durationMs]), [['TimedOut', 'FnF.TaskTimeout', 60_000]]);
  }));

  test('flow_metrics: counters, failure rate, overdue and duration percentiles', () => withSample(open, async (store) => {
    const m = await store.flowMetrics('orders', { window: '1d', now: SAMPLE_NOW });
    assert.deepEqual([m.running, m.started, m.succeeded, m.failed, m.timedOut, m.stopped, m.retries, m.overdue],
      [1, 5, 1, 2, 0, 1, 2, 1]);
    assert.equal(m.failureRate, 2 / 3);
    assert.deepEqual(m.duration, { count: 4, p50: 6, p95: 2400, p99: 2400 });
    assert.deepEqual(m.steps.map((s) => [s.path, s.stepName, s.duration.count, s.duration.p50, s.duration.p99, s.suggestedTimeoutSeconds]), [
      ['charge', 'charge', 4, 121, 300, 1],
      ['fanout', 'fanout', 1, 5, 5, 1],
      ['validate', 'validate', 3, 10, 20, 1],
    ]);
    const reports = await store.flowMetrics('reports', { window: '1d', now: SAMPLE_NOW });
    assert.deepEqual([reports.succeeded, reports.timedOut, reports.failureRate], [1, 1, 0.5]);
    assert.deepEqual([reports.steps[0].duration.p95, reports.steps[0].suggestedTimeoutSeconds], [59904, 90]);
  }));

  test('flow_metrics: the window only counts durations that ended inside it', () => withSample(open, async (store) => {
    const recent = await store.flowMetrics('orders', { window: '10m', now: SAMPLE_NOW });
    assert.deepEqual([recent.duration.count, recent.duration.p50, recent.steps.length, recent.started], [0, null, 0, 5]);
    const late = await store.flowMetrics('orders', { window: '27m', now: SAMPLE_NOW });
    assert.deepEqual([late.duration.count, late.windowStart], [2, '2030-01-01T10:03:00.000Z']);
    await assert.rejects(store.flowMetrics('orders', { window: 'forever' }), { code: 'READ.INVALID_WINDOW' });
  }));
}
