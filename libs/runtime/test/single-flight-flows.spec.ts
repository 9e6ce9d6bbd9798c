import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompiledFlow } from '@ordo/core';
import { SingleFlightFlows } from '../src/engine/single-flight-flows';

function countingFlows() {
  const calls: string[] = [];
  const release: Array<() => void> = [];
  const flows = {
    compiled(name: string, version: number): Promise<CompiledFlow> {
      calls.push(`${name}@${version}`);
      return new Promise((resolve) => release.push(() => resolve({ name, version } as unknown as CompiledFlow)));
    },
  };
  return { flows, calls, release };
}

describe('SingleFlightFlows', () => {
  test('concurrent requests for one flow version share one registry call', async () => {
    const { flows, calls, release } = countingFlows();
    const single = new SingleFlightFlows(flows);
    const waiting = Array.from({ length: 100 }, () => single.compiled('orders', 1));
    const other = single.compiled('orders', 2);
    assert.deepEqual(calls, ['orders@1', 'orders@2']);
    for (const r of release) r();
    const results = await Promise.all(waiting);
    assert.ok(results.every((flow) => flow === results[0]));
    assert.notEqual(await other, results[0]);
  });

  test('a settled call is not kept: the next request asks the registry again', async () => {
    const { flows, calls, release } = countingFlows();
    const single = new SingleFlightFlows(flows);
    const first = single.compiled('orders', 1);
    release[0]();
    await first;
    const second = single.compiled('orders', 1);
    release[1]();
    await second;
    assert.deepEqual(calls, ['orders@1', 'orders@1']);
  });
});
