import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ordo, runOutput, type HistoryEvent } from './ordo-process';

const TWO_DAYS_MS = 2 * 24 * 3600 * 1000;

function at(event: HistoryEvent): number {
  return Date.parse(event.time);
}

describe('ordo run --virtual-time and --timeout', { concurrency: 2 }, () => {
  test('a 2-day wait and retries after 60/120/240 s finish within a 30 s wall-clock guard, on consistent virtual timestamps', async () => {
    const result = await ordo(['run', 'two-days.yaml', '--mocks', 'two-days.mocks.yaml', '--virtual-time', '--history', '--timeout', '30']);
    assert.equal(result.code, 0, result.stderr);
    const run = runOutput(result);
    assert.deepEqual([run.status, run.output], ['Succeeded', { done: true }]);
    const events = run.events ?? [];
    const first = events[0];
    const fired = events.filter((e) => e.type === 'TimerFired');
    assert.equal(at(fired[0]) - at(first), TWO_DAYS_MS, 'the wait fires 2 days after the start');
    const retries = events.filter((e) => e.type === 'RetryScheduled');
    assert.deepEqual(retries.map((e) => e.detail.delayMs), [60_000, 120_000, 240_000]);
    for (const retry of retries) assert.equal(Date.parse(String(retry.detail.dueAt)) - at(retry), retry.detail.delayMs);
    assert.deepEqual(fired.slice(1).map((e) => at(e)), retries.map((e) => Date.parse(String(e.detail.dueAt))), 'each retry timer fires at its due time');
    assert.equal(at(events.at(-1)!) - at(first), TWO_DAYS_MS + 420_000);
    for (let i = 1; i < events.length; i++) assert.ok(at(events[i]) >= at(events[i - 1]), `event ${i + 1} is not earlier than event ${i}`);
  });

  test('--timeout: a callback that never comes gives up with RUNTIME.TIMEOUT, exit 2', async () => {
    const result = await ordo(['run', 'callback.yaml', '--mocks', 'never-called-back.mocks.yaml', '--timeout', '0.5']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /RUNTIME\.TIMEOUT .*0\.5 s/);
  });

  test('--timeout must be a positive number', async () => {
    const result = await ordo(['run', 'flow-timeout.yaml', '--timeout', 'soon']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--timeout must be a positive number of seconds, got "soon"/);
  });
});
