import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { decide, fold, isCoreError, jsonEqual, nextActions, replayHistory, type ExecutionState } from '@ordo/core';
import { flowOf } from './support/flows';
import { loadHistories } from './support/golden';

const dir = join(__dirname, 'histories');
const histories = loadHistories(dir);

describe('golden histories (determinism)', () => {
  test('the recorded histories are present', () => {
    assert.ok(histories.length >= 5, `found ${histories.length} histories in ${dir}`);
  });

  for (const history of histories) {
    test(`${history.name}: re-deciding every command reproduces its events, final state and intents`, () => {
      const flow = flowOf(history.flow);
      const accepted = history.recorded.filter((r) => r.rejection === undefined);
      const state = replayHistory(flow, accepted);
      let rejections = fold([]) as ExecutionState;
      for (const r of history.recorded) {
        if (r.rejection !== undefined) assert.equal(decide(r.command, rejections, flow).rejection?.code, r.rejection);
        rejections = fold(r.events, rejections);
      }
      assert.ok(jsonEqual(JSON.parse(JSON.stringify(state)), history.finalState), 'final state differs');
      assert.ok(jsonEqual(nextActions(state), history.finalIntents), 'final intents differ');
    });
  }

  test('a deliberately altered history raises CORE.NON_DETERMINISTIC_REPLAY naming the event', () => {
    const [altered] = loadHistories(join(dir, 'altered'));
    assert.throws(() => replayHistory(flowOf(altered.flow), altered.recorded), (e: unknown) => {
      assert.ok(isCoreError(e, 'CORE.NON_DETERMINISTIC_REPLAY'));
      assert.match((e as Error).message, /event index \d+: recorded RetryScheduled, decided RetryScheduled with different data/);
      return true;
    });
  });
});
