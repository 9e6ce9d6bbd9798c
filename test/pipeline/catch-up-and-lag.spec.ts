// Catching views up from the log, and counting how far behind they are (execution events only).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteReadModelStore, catchUpFromLog, executionEventsBehind } from '@ordo/read-models';
import { InMemoryEventStore, type NewEvent } from '@ordo/runtime';

const AT = '2030-01-01T00:00:00.000Z';

function execution(executionId: string): NewEvent[] {
  const [flowName, executionName] = executionId.split('.');
  return [
    { type: 'ExecutionStarted', data: { executionId, executionName, flowName, flowVersion: 1, input: {}, trigger: { kind: 'api' }, decisionVersion: 1 }, metadata: { at: AT } },
    { type: 'ExecutionSucceeded', data: { output: {} }, metadata: { at: AT } },
  ];
}

describe('catchUpFromLog and executionEventsBehind', () => {
  test('lag counts execution events only; catch-up applies them and lag drops to 0', async () => {
    const log = new InMemoryEventStore();
    const views = new SqliteReadModelStore({ filename: ':memory:' });
    try {
      await log.append('ordoExecution-orders.a', execution('orders.a'), 'no_stream');
      await log.append('ordoCheckpoint-relay', [{ type: 'CheckpointSaved', data: { position: 2 } }], 'any');
      await log.append('ordoExecution-orders.b', execution('orders.b'), 'no_stream');
      assert.equal(await executionEventsBehind(views, log), 4);
      assert.equal(await executionEventsBehind(views, log, 2), 5, 'beyond the exact limit: the feed distance to the head');

      await views.apply(await log.readAll('start', { limit: 2 }));
      assert.equal(await executionEventsBehind(views, log), 2);
      const stopped = new AbortController();
      stopped.abort();
      assert.deepEqual(await catchUpFromLog(views, log, async (events) => { await views.apply(events); }, { signal: stopped.signal }), { events: 0, position: 2 });
      const caught = await catchUpFromLog(views, log, async (events) => { await views.apply(events); }, { batchSize: 1 });
      assert.deepEqual(caught, { events: 2, position: 5 });
      assert.equal(await executionEventsBehind(views, log), 0);
      await log.append('ordoCheckpoint-relay', [{ type: 'CheckpointSaved', data: { position: 5 } }], 'any');
      assert.equal(await executionEventsBehind(views, log), 0, 'a relay checkpoint is not lag');
      assert.equal((await views.getExecution('orders', 'b'))?.status, 'Succeeded');
    } finally {
      await views.close();
      await log.close();
    }
  });
});
