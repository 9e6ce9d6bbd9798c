import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, InMemoryEventStore, VirtualClock, executionStream } from '@ordo/runtime';
import { Projector, SqliteReadModelStore, eventStoreSource, projectorLag, reproject } from '@ordo/read-models';
import { snapshotViews } from '@ordo/testing';

const FLOW = `
version: v1
type: flow
steps:
  - type: task
    name: reserve
    resourceArn: local:flaky
    retry:
      - errors: [Busy]
        intervalSeconds: 1
        maxAttempts: 3
  - type: parallel
    name: fanout
    branches:
      - steps:
          - type: pass
            name: left
      - steps:
          - type: task
            name: right
            resourceArn: local:ok
  - type: choice
    name: decide
    choices:
      - condition: $.fail == true
        steps:
          - type: fail
            name: reject
            error: Rejected
            cause: asked to fail
    default:
      goto: done
  - type: pass
    name: done
`;

/** Runs the engine until every started execution ended, firing virtual timers when it is idle. */
async function runToEnd(engine: Engine, clock: VirtualClock, names: readonly string[]): Promise<void> {
  for (let rounds = 0; rounds < 1000; rounds++) {
    await engine.whenIdle();
    const states = await Promise.all(names.map((n) => engine.describeExecution('order', n)));
    if (states.every((s) => s.status !== 'Running')) return;
    if (!clock.fireNext()) await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('executions did not finish');
}

describe('read models over real runtime executions', () => {
  test('the views answer what the event store says, live and after reprojection', async () => {
    const log = new InMemoryEventStore();
    const clock = new VirtualClock(Date.parse('2030-03-01T08:00:00.000Z'));
    const calls = new Map<string, number>();
    const engine = new Engine({ store: log, clock, checkpointIntervalMs: 0, handlers: {
      flaky: (input, ctx) => {
        const n = (calls.get(ctx.executionName) ?? 0) + 1;
        calls.set(ctx.executionName, n);
        if (n === 1) throw Object.assign(new Error('try again'), { name: 'Busy' });
        return { reserved: true, ...input };
      },
      ok: () => ({ shipped: true }),
    } });
    const live = new SqliteReadModelStore({ filename: ':memory:' });
    const rebuilt = new SqliteReadModelStore({ filename: ':memory:' });
    const projector = new Projector(live);
    try {
      await engine.deployFlow('order', FLOW);
      await projector.start(eventStoreSource(log, 16));
      const names = ['good', 'bad'];
      await engine.startExecution({ flowName: 'order', executionName: 'good', input: { fail: false }, trigger: { kind: 'api' } });
      await engine.startExecution({ flowName: 'order', executionName: 'bad', input: { fail: true }, trigger: { kind: 'api' } });
      await runToEnd(engine, clock, names);
      const deadline = Date.now() + 10_000;
      while ((await projectorLag(live, log)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      assert.equal(await projectorLag(live, log), 0);

      for (const name of names) {
        const described = await engine.describeExecution('order', name);
        const row = await live.getExecution('order', name);
        assert.deepEqual([row?.status, row?.output ?? undefined, row?.error ?? undefined, row?.startedAt, row?.stoppedAt],
          [described.status, described.output, described.error, described.startedAt, described.stoppedAt]);
        const stream = await log.readStream(executionStream(described.executionId));
        const trail = await live.listEvents(described.executionId, { first: 1000 });
        assert.deepEqual(trail.edges.map((e) => e.node.type), stream.map((e) => e.type));
        const reserve = (await live.listStepRuns(described.executionId)).filter((r) => r.stepName === 'reserve');
        assert.deepEqual(reserve.map((r) => [r.status, r.retries, r.error]), [['Failed', 0, 'Busy'], ['Succeeded', 1, null]]);
      }
      assert.equal((await live.getExecution('order', 'good'))?.status, 'Succeeded');
      assert.deepEqual([(await live.getExecution('order', 'bad'))?.status, (await live.getExecution('order', 'bad'))?.error], ['Failed', 'Rejected']);
      const metrics = await live.flowMetrics('order', { window: '1d', now: new Date(clock.now()) });
      assert.deepEqual([metrics.started, metrics.succeeded, metrics.failed, metrics.retries, metrics.running], [2, 1, 1, 2, 0]);
      assert.ok(metrics.steps.some((s) => s.path === 'fanout/branch[1]/right'));

      await reproject(rebuilt, log);
      const ids = ['order.good', 'order.bad'];
      assert.deepEqual(await snapshotViews(rebuilt, ids, ['order']), await snapshotViews(live, ids, ['order']));
    } finally {
      await projector.stop();
      await engine.close();
      await Promise.all([live.close(), rebuilt.close(), log.close()]);
    }
  });
});
