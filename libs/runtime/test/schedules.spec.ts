import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  executionIdOf, executionStream, scheduleStream, ScheduleService, RuntimeError,
  type Engine, type EventStore, type ExecutionStarter, type ScheduleConfig, type ScheduleFiredData, type VirtualClock,
} from '@ordo/runtime';
import { ECHO_FLOW, makeEngine, streamTypes, waitFor } from './triggers-support';

const NIGHTLY: ScheduleConfig = { name: 'nightly', cron: '0 2 * * *', timezone: 'UTC', flow: 'cleanup', input: { mode: 'full' }, missedFires: 'latest' };
const DAY = 24 * 3600_000;

async function setup() {
  const env = makeEngine();
  await env.engine.deployFlow('cleanup', ECHO_FLOW);
  return env;
}

function service(env: { engine: Engine; store: EventStore; clock: VirtualClock }, config: Partial<ScheduleConfig> = {}, starter: ExecutionStarter = env.engine) {
  return new ScheduleService({ store: env.store, starter, clock: env.clock, schedules: [{ ...NIGHTLY, ...config }], retryDelayMs: 1000 });
}

async function fires(store: EventStore, name = 'nightly'): Promise<ScheduleFiredData[]> {
  return (await store.readStream(scheduleStream(name))).filter((e) => e.type === 'ScheduleFired').map((e) => e.data as ScheduleFiredData);
}

async function exists(engine: Engine, name: string): Promise<boolean> {
  return engine.describeExecution('cleanup', name).then(() => true, () => false);
}

describe('ScheduleService', () => {
  test('fires at the cron times, recording ScheduleFired before the execution starts', async () => {
    const env = await setup();
    const s = service(env);
    await s.start();
    assert.deepEqual(await fires(env.store), [], 'nothing is due at start-up');
    assert.ok(env.clock.fireNext());
    assert.equal(env.clock.now(), Date.parse('2026-01-01T02:00:00.000Z'));
    await waitFor(() => exists(env.engine, 'nightly-20260101T020000Z'), 'first execution');
    const d = await env.engine.describeExecution('cleanup', 'nightly-20260101T020000Z');
    assert.deepEqual(d.trigger, { kind: 'schedule', source: 'nightly/2026-01-01T02:00:00.000Z' });
    assert.deepEqual(d.input, { mode: 'full' });
    const feed = await env.store.readAll('start');
    const firedAt = feed.findIndex((e) => e.type === 'ScheduleFired');
    const startedAt = feed.findIndex((e) => e.streamId === executionStream(executionIdOf('cleanup', 'nightly-20260101T020000Z')));
    assert.ok(firedAt >= 0 && firedAt < startedAt, 'ScheduleFired precedes ExecutionStarted in the feed');
    assert.ok(env.clock.fireNext());
    await waitFor(() => exists(env.engine, 'nightly-20260102T020000Z'), 'second execution');
    assert.deepEqual((await fires(env.store)).map((f) => f.fireAt), ['2026-01-01T02:00:00.000Z', '2026-01-02T02:00:00.000Z']);
    await s.close();
    await env.engine.close();
  });

  test('honours the time zone', async () => {
    const env = await setup();
    const s = service(env, { timezone: 'Asia/Shanghai' });
    await s.start();
    env.clock.fireNext();
    await waitFor(async () => (await fires(env.store)).length === 1, 'fire');
    assert.equal((await fires(env.store))[0].fireAt, '2026-01-01T18:00:00.000Z');
    await s.close();
    await env.engine.close();
  });

  test('a restart never fires twice', async () => {
    const env = await setup();
    const first = service(env);
    await first.start();
    env.clock.fireNext();
    await waitFor(async () => (await fires(env.store)).length === 1, 'first fire');
    await first.close();
    for (let i = 0; i < 3; i++) {
      const again = service(env);
      await again.start();
      await again.close();
      env.clock.advanceBy(60_000);
    }
    assert.equal((await fires(env.store)).length, 1);
    assert.deepEqual(await streamTypes(env.store, scheduleStream('nightly')), ['ScheduleRegistered', 'ScheduleFired']);
    await env.engine.close();
  });

  test('a crash between recording a fire and starting it re-starts the same execution on recovery', async () => {
    const env = await setup();
    await env.store.append(scheduleStream('nightly'), [
      { type: 'ScheduleRegistered', data: { cron: NIGHTLY.cron, timezone: 'UTC', registeredAt: '2025-12-31T00:00:00.000Z' } },
      { type: 'ScheduleFired', data: { fireAt: '2025-12-31T02:00:00.000Z', executionName: 'nightly-20251231T020000Z', flow: 'cleanup' } },
    ], 'no_stream');
    const s = service(env);
    await s.start();
    const d = await env.engine.describeExecution('cleanup', 'nightly-20251231T020000Z');
    assert.deepEqual(d.trigger, { kind: 'schedule', source: 'nightly/2025-12-31T02:00:00.000Z' });
    assert.equal((await fires(env.store)).length, 1, 'recovery starts the recorded fire without recording another');
    await s.close();
    const again = service(env);
    await again.start();
    assert.equal((await fires(env.store)).length, 1);
    await again.close();
    await env.engine.close();
  });

  test('a start that fails for a passing reason is retried under the same name', async () => {
    const env = await setup();
    let failures = 1;
    const flaky: ExecutionStarter = {
      startExecution: async (r) => {
        if (failures-- > 0) throw new RuntimeError('RUNTIME.ENGINE_STOPPED', 'The engine is restarting.');
        return env.engine.startExecution(r);
      },
      describeExecution: (f, n) => env.engine.describeExecution(f, n),
    };
    const s = service(env, {}, flaky);
    await s.start();
    env.clock.fireNext();
    await waitFor(async () => (await fires(env.store)).length === 1, 'fire recorded');
    await waitFor(() => env.clock.pendingCount() > 0 && env.clock.fireNext(), 'retry timer');
    await waitFor(() => exists(env.engine, 'nightly-20260101T020000Z'), 'execution after the retry');
    assert.equal((await fires(env.store)).length, 1);
    await s.close();
    await env.engine.close();
  });

  test('missed fires (policy latest): the most recent one fires once, older ones are skipped and counted', async () => {
    const env = await setup();
    const first = service(env);
    await first.start();
    await first.close();
    env.clock.advanceBy(3 * DAY + 3 * 3600_000);
    const again = service(env);
    await again.start();
    assert.deepEqual(await fires(env.store), [
      { fireAt: '2026-01-04T02:00:00.000Z', executionName: 'nightly-20260104T020000Z', flow: 'cleanup', missedFires: 3 },
    ]);
    assert.ok(await exists(env.engine, 'nightly-20260104T020000Z'));
    assert.equal(await exists(env.engine, 'nightly-20260103T020000Z'), false);
    await again.close();
    await env.engine.close();
  });

  test('missed fires (policy skip): none fires, the next on-time one does', async () => {
    const env = await setup();
    const first = service(env, { missedFires: 'skip' });
    await first.start();
    await first.close();
    env.clock.advanceBy(3 * DAY + 3 * 3600_000);
    const again = service(env, { missedFires: 'skip' });
    await again.start();
    assert.deepEqual(await fires(env.store), []);
    env.clock.fireNext();
    await waitFor(() => exists(env.engine, 'nightly-20260105T020000Z'), 'on-time fire');
    assert.equal((await fires(env.store)).length, 1);
    await again.close();
    await env.engine.close();
  });

  test('a missing flow records ScheduleStartFailed once; recovery does not retry it', async () => {
    const env = await setup();
    const s = service(env, { flow: 'absent' });
    await s.start();
    env.clock.fireNext();
    await waitFor(async () => (await streamTypes(env.store, scheduleStream('nightly'))).includes('ScheduleStartFailed'), 'failure recorded');
    await s.close();
    const again = service(env, { flow: 'absent' });
    await again.start();
    await again.close();
    assert.deepEqual(await streamTypes(env.store, scheduleStream('nightly')), ['ScheduleRegistered', 'ScheduleFired', 'ScheduleStartFailed']);
    const failed = (await env.store.readStream(scheduleStream('nightly')))[2].data as { code: string };
    assert.equal(failed.code, 'RUNTIME.FLOW_NOT_FOUND');
    await env.engine.close();
  });

  test('two processes running the same schedule record each fire once', async () => {
    const env = await setup();
    const a = service(env);
    const b = service(env);
    await a.start();
    await b.start();
    for (let day = 1; day <= 2; day++) {
      await waitFor(() => env.clock.pendingCount() === 2, `both armed for day ${day}`);
      assert.ok(env.clock.fireNext() && env.clock.fireNext());
      await waitFor(async () => (await fires(env.store)).length === day, `fire of day ${day}`);
    }
    await waitFor(() => env.clock.pendingCount() === 2, 'both re-armed');
    assert.deepEqual((await fires(env.store)).map((f) => f.executionName), ['nightly-20260101T020000Z', 'nightly-20260102T020000Z']);
    await a.close();
    await b.close();
    await env.engine.close();
  });

  test('a changed cron re-registers the schedule; fires missed under the old one are not replayed', async () => {
    const env = await setup();
    const first = service(env);
    await first.start();
    await first.close();
    env.clock.advanceBy(3 * DAY);
    const changed = service(env, { cron: '30 * * * *' });
    await changed.start();
    assert.deepEqual(await fires(env.store), []);
    env.clock.fireNext();
    await waitFor(async () => (await fires(env.store)).length === 1, 'fire under the new cron');
    assert.equal((await fires(env.store))[0].fireAt, '2026-01-04T00:30:00.000Z');
    assert.deepEqual(await streamTypes(env.store, scheduleStream('nightly')), ['ScheduleRegistered', 'ScheduleRegistered', 'ScheduleFired']);
    await changed.close();
    await env.engine.close();
  });
});
