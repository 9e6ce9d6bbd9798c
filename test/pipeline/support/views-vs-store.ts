// Checks that the views answer what the event store says about an execution.
import assert from 'node:assert/strict';
import type { ReadModelStore } from '@ordo/read-models';
import { executionStream, type Engine, type EventStore } from '@ordo/runtime';
import { ORDER_FLOW_NAME } from './order-flow';

/**
 * For each execution: the `executions` row has the store's status, output, error and times; the
 * audit trail holds every stored event once, in order; `step_runs` has one run per task attempt.
 */
export async function assertViewsMatchStore(views: ReadModelStore, store: EventStore, engine: Engine, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const described = await engine.describeExecution(ORDER_FLOW_NAME, name);
    const row = await views.getExecution(ORDER_FLOW_NAME, name);
    assert.ok(row, `execution ${name} is in the executions view`);
    assert.deepEqual(
      [row.status, row.output ?? undefined, row.error ?? undefined, row.startedAt, row.stoppedAt ?? undefined],
      [described.status, described.output, described.error, described.startedAt, described.stoppedAt], `executions row of ${name}`);
    const stream = await store.readStream(executionStream(described.executionId));
    const trail = await views.listEvents(described.executionId, { first: 1000 });
    assert.deepEqual(trail.edges.map((e) => [e.node.eventId, e.node.type]), stream.map((e) => [e.revision + 1, e.type]), `audit trail of ${name}`);
    assert.equal(row.lastRevision, stream[stream.length - 1].revision, `last revision of ${name}`);
    const runs = await views.listStepRuns(described.executionId);
    for (const step of ['reserve', 'ship']) {
      const attempts = stream.filter((e) => e.type === 'TaskScheduled' && String((e.data as { path?: unknown }).path).endsWith(step)).length;
      assert.equal(runs.filter((r) => r.stepName === step).length, attempts, `step runs of ${step} in ${name}`);
    }
  }
}

/**
 * Whether the views hold every execution event of the log: each execution's last applied revision
 * equals its stream's last revision. (The views' checkpoint alone cannot say this when several
 * partitions are consumed: it is the highest position applied, which one partition may pass early.)
 */
export async function viewsHoldTheLog(views: ReadModelStore, store: EventStore): Promise<boolean> {
  const last = new Map<string, number>();
  for (const event of await store.readAll('start', { streamPrefix: 'ordoExecution-' })) last.set(event.streamId.slice('ordoExecution-'.length), event.revision);
  const page = await views.listExecutions({}, { first: 1000, withTotalCount: false });
  const applied = new Map(page.edges.map((e) => [e.node.executionId, e.node.lastRevision] as const));
  return [...last].every(([id, revision]) => applied.get(id) === revision);
}
