// BatchCoalescer: idle batches go straight through; batches arriving during an apply are merged
// into the next one; a failed apply rejects exactly the batches it carried.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BatchCoalescer } from '@ordo/read-models';
import type { RecordedEvent } from '@ordo/runtime';

const event = (position: number): RecordedEvent => ({
  streamId: `ordoExecution-f.e${position}`, revision: 0, position, type: 'ExecutionStarted', data: {}, metadata: {}, recordedAt: '2030-01-01T00:00:00.000Z',
});

describe('BatchCoalescer', () => {
  test('merges the batches submitted while an apply is in flight, in submission order', async () => {
    const applied: number[][] = [];
    let release: () => void = () => undefined;
    const coalescer = new BatchCoalescer(async (events) => {
      applied.push(events.map((e) => e.position));
      if (applied.length === 1) await new Promise<void>((r) => { release = r; });
    });
    const first = coalescer.submit([event(1)]);
    const second = coalescer.submit([event(2), event(3)]);
    const third = coalescer.submit([event(4)]);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(applied, [[1]], 'later batches wait for the apply in flight');
    release();
    await Promise.all([first, second, third]);
    assert.deepEqual(applied, [[1], [2, 3, 4]]);
  });

  test('a failed apply rejects the batches it carried and later ones still apply', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const coalescer = new BatchCoalescer(async () => {
      calls += 1;
      if (calls === 1) await new Promise<void>((r) => { release = r; });
      if (calls === 2) throw new Error('database unavailable');
    });
    const first = coalescer.submit([event(1)]);
    const merged = [coalescer.submit([event(2)]), coalescer.submit([event(3)])];
    await new Promise((r) => setImmediate(r));
    release();
    await first;
    for (const p of merged) await assert.rejects(p, /database unavailable/);
    await coalescer.submit([event(4)]);
    assert.equal(calls, 3);
  });

  test('a group stops at the event limit', async () => {
    const sizes: number[] = [];
    let release: () => void = () => undefined;
    const coalescer = new BatchCoalescer(async (events) => {
      sizes.push(events.length);
      if (sizes.length === 1) await new Promise<void>((r) => { release = r; });
    }, 3);
    const all = [coalescer.submit([event(1)]), coalescer.submit([event(2), event(3)]), coalescer.submit([event(4)]), coalescer.submit([event(5), event(6)])];
    await new Promise((r) => setImmediate(r));
    release();
    await Promise.all(all);
    assert.deepEqual(sizes, [1, 3, 2]);
  });
});
