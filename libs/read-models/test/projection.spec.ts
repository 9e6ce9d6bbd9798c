import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HistoryBuilder, recordFeed } from '@ordo/testing';
import {
  EMPTY_VIEW_STATE, prepareBatch, projectBatch, projectEvent, type ExecutionViewState, type ProjectableEvent,
} from '@ordo/read-models';

const T0 = '2030-05-01T00:00:00.000Z';

function project(h: HistoryBuilder): { state: ExecutionViewState; events: ProjectableEvent[] } {
  const { projectable } = prepareBatch(recordFeed([h]));
  let state = EMPTY_VIEW_STATE;
  for (const e of projectable) state = projectEvent(state, e).state;
  return { state, events: projectable };
}

describe('pure view projections', () => {
  test('a redriven execution moves back to Running and the status counters follow', () => {
    const h = new HistoryBuilder('f', 'x', T0).started().failed('E', 'c').add('ExecutionRedriven', 5, { fromEventId: 2 });
    const { projectable } = prepareBatch(recordFeed([h]));
    const batch = projectBatch(new Map(), projectable);
    assert.equal(batch.executions[0].status, 'Running');
    assert.equal(batch.executions[0].stoppedAt, null);
    assert.deepEqual(batch.counters.map((c) => [c.name, c.delta]),
      [['failed', 1], ['redriven', 1], ['started', 1], ['status:Running', 1]]);
  });

  test('re-entering a path (a goto loop) closes the previous run and opens a new one', () => {
    const h = new HistoryBuilder('f', 'loop', T0).started()
      .add('StepEntered', 0, { path: 'poll', name: 'poll', stepType: 'pass', input: {}, local: {} })
      .add('StepEntered', 7, { path: 'poll', name: 'poll', stepType: 'pass', input: { n: 2 }, local: {} });
    const { state } = project(h);
    assert.deepEqual([...state.openRuns.values()].map((r) => [r.runId, r.input]), [[2, { n: 2 }]]);
    const { projectable } = prepareBatch(recordFeed([h]));
    const runs = projectBatch(new Map(), projectable).stepRuns;
    assert.deepEqual(runs.map((r) => [r.runId, r.status, r.closed]), [[1, 'Running', true], [2, 'Running', false]]);
  });

  test('the end of an execution cancels every run still open, without a duration sample', () => {
    const h = new HistoryBuilder('f', 'stop', T0).started()
      .add('StepEntered', 0, { path: 'wait', name: 'wait', stepType: 'wait', input: {}, local: {} })
      .stopped(50);
    const { projectable } = prepareBatch(recordFeed([h]));
    const batch = projectBatch(new Map(), projectable);
    assert.deepEqual(batch.stepRuns.map((r) => [r.status, r.durationMs, r.closed]), [['Cancelled', 50, true]]);
    assert.deepEqual(batch.histograms.map((x) => x.path), ['']);
  });

  test('foreach iterations share one metrics path', () => {
    const h = new HistoryBuilder('f', 'each', T0).started()
      .pass('items/iteration[0]/resize', {}, 40).pass('items/iteration[1]/resize', {}, 40);
    const { projectable } = prepareBatch(recordFeed([h]));
    const batch = projectBatch(new Map(), projectable);
    assert.deepEqual(batch.histograms.map((x) => [x.path, x.stepName, x.count]), [['items/iteration[*]/resize', 'resize', 2]]);
  });

  test('skips applied revisions, rejects gaps and events before ExecutionStarted', () => {
    const { projectable } = prepareBatch(recordFeed([new HistoryBuilder('f', 'g', T0).started().pass('a')]));
    const state = project(new HistoryBuilder('f', 'g', T0).started()).state;
    const batch = projectBatch(new Map([['f.g', state]]), projectable);
    assert.deepEqual([batch.applied, batch.skipped, batch.events.map((e) => e.eventId)], [4, 1, [2, 3, 4, 5]]);
    assert.throws(() => projectBatch(new Map(), projectable.slice(1)), { code: 'READ.REVISION_GAP' });
    assert.throws(() => projectEvent(EMPTY_VIEW_STATE, projectable[1]), { code: 'READ.INVALID_EVENT' });
  });

  test('the event time comes from metadata.at, then data.at, then recordedAt', () => {
    const base = { streamId: 'ordoExecution-f.t', revision: 0, position: 1, type: 'ExecutionStarted', recordedAt: '2030-01-01T00:00:03Z' };
    const times = [
      { ...base, data: { at: '2030-01-01T00:00:02Z' }, metadata: { at: '2030-01-01T00:00:01+00:00' } },
      { ...base, data: { at: '2030-01-01T00:00:02Z' }, metadata: {} },
      { ...base, data: {}, metadata: {} },
    ].map((r) => prepareBatch([r]).projectable[0].at);
    assert.deepEqual(times, ['2030-01-01T00:00:01.000Z', '2030-01-01T00:00:02.000Z', '2030-01-01T00:00:03.000Z']);
    assert.throws(() => prepareBatch([{ ...base, data: [], metadata: {} }]), { code: 'READ.INVALID_EVENT' });
  });
});
