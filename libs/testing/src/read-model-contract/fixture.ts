import type { ReadModelStore } from '@ordo/read-models';
import { HistoryBuilder } from './histories';

/** Storage for one contract test: `open` may be called again to reopen the same views. */
export interface ReadModelHarness {
  open(): Promise<ReadModelStore>;
  /** Deletes the storage; must tolerate stores that are still open or already closed. */
  destroy(): Promise<void>;
}

/** Makes fresh, empty storage for one test. */
export type OpenReadModelHarness = () => Promise<ReadModelHarness>;

/** The base time of the sample histories and the `now` metrics queries use with them. */
export const SAMPLE_START = '2030-01-01T10:00:00.000Z';
export const SAMPLE_NOW = new Date('2030-01-01T10:30:00.000Z');

/**
 * Seven executions of two flows covering every view path: retries, a failure without retry, a
 * cancelled parallel branch, a running execution past its deadline, stop, time-out, a child flow.
 */
export function sampleHistories(): HistoryBuilder[] {
  const at = (minutes: number): string => new Date(Date.parse(SAMPLE_START) + minutes * 60_000).toISOString();
  const o1 = new HistoryBuilder('orders', 'o1', at(0)).started({ id: 1 })
    .pass('validate', { valid: true }, 10)
    .task('charge', [
      { ok: false, error: 'HTTP.503', cause: 'busy', ms: 100 },
      { ok: false, error: 'HTTP.503', cause: 'busy', ms: 120 },
      { ok: true, output: { paid: true }, ms: 200 },
    ])
    .succeeded({ paid: true });
  const o2 = new HistoryBuilder('orders', 'o2', at(1)).started({ id: 2 })
    .task('charge', [{ ok: false, error: 'Declined', cause: 'card declined', ms: 300 }])
    .failed('Declined', 'card declined');
  const o3 = new HistoryBuilder('orders', 'o3', at(2))
    .started({ id: 3 }, { trigger: { kind: 'kafka', source: 'orders.created' }, deadlineAt: at(5) })
    .pass('validate', {}, 20);
  const o4 = new HistoryBuilder('orders', 'o4', at(3)).started({ id: 4 })
    .parallelWithCancelledBranch('fanout', 'ship', 1)
    .failed('Boom', 'branch failed');
  const o5 = new HistoryBuilder('orders', 'o5', at(4)).started({ id: 5 }).pass('validate', {}, 5).stopped();
  const r1 = new HistoryBuilder('reports', 'r1', at(0)).started({}, {
    trigger: { kind: 'parent' },
    parent: { executionId: o1.executionId, flowName: 'orders', executionName: 'o1', taskId: 'orders.o1:report:1', pattern: 'sync' },
  }).task('render', [{ ok: true, output: { pages: 3 }, ms: 1500 }]).succeeded({ pages: 3 }, 2);
  const r2 = new HistoryBuilder('reports', 'r2', at(5)).started({}).task('render', [
    { ok: false, error: 'FnF.TaskTimeout', cause: 'attempt timed out', ms: 60_000, timedOut: true },
  ]).timedOut();
  return [o1, o2, o3, o4, o5, r1, r2];
}

/** Everything the views answer about the given executions and flows, for equality checks. */
export async function snapshotViews(store: ReadModelStore, executionIds: readonly string[], flows: readonly string[]): Promise<unknown> {
  const executions = await store.listExecutions({}, { first: 1000 });
  const perExecution: Record<string, unknown> = {};
  for (const id of executionIds) {
    perExecution[id] = {
      events: (await store.listEvents(id, { first: 1000 })).edges.map((e) => e.node),
      steps: await store.listStepRuns(id),
      children: (await store.children(id)).map((c) => c.executionId),
    };
  }
  const metrics: Record<string, unknown> = {};
  for (const flow of flows) metrics[flow] = await store.flowMetrics(flow, { window: '1d', now: SAMPLE_NOW });
  return { executions: executions.edges.map((e) => e.node), totalCount: executions.totalCount, perExecution, metrics };
}
