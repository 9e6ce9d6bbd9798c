import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FiredTimer } from '@ordo/runtime';
import { fdl, Harness } from './support/harness';

const NAP = fdl(
  'steps:',
  '  - type: wait',
  '    name: nap',
  '    duration: 5',
);

describe('engine: timer observers', () => {
  test('reports each fired timer with its purpose and how late it fired behind its due time', async () => {
    const h = new Harness();
    const fired: FiredTimer[] = [];
    h.engine.onTimerFired((t) => fired.push(t));
    h.engine.onTimerFired(() => { throw new Error('a broken observer does not stop the execution'); });
    await h.engine.deployFlow('nap', NAP);
    const started = await h.engine.startExecution({ flowName: 'nap', executionName: 'e1' });
    await h.settle();
    h.clock.advanceBy(7_000);
    assert.equal(await h.fireNextTimer(), true);
    assert.equal((await h.engine.describeExecution('nap', 'e1')).status, 'Succeeded');
    assert.deepEqual(fired, [{ executionId: started.executionId, purpose: 'wait', lagMs: 2_000 }]);
    await h.close();
  });

  test('a removed observer hears nothing more', async () => {
    const h = new Harness();
    const fired: FiredTimer[] = [];
    const remove = h.engine.onTimerFired((t) => fired.push(t));
    remove();
    await h.engine.deployFlow('nap', NAP);
    await h.engine.startExecution({ flowName: 'nap', executionName: 'e1' });
    assert.equal((await h.runToEnd('nap', 'e1')).status, 'Succeeded');
    assert.deepEqual(fired, []);
    await h.close();
  });
});
