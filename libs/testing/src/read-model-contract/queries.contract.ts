import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection, ExecutionFilter, ExecutionRow, ReadModelStore } from '@ordo/read-models';
import { recordFeed } from './histories';
import { sampleHistories, type OpenReadModelHarness } from './fixture';

async function withSample(open: OpenReadModelHarness, body: (store: ReadModelStore) => Promise<void>): Promise<void> {
  const harness = await open();
  const store = await harness.open();
  try {
    await store.apply(recordFeed(sampleHistories()));
    await body(store);
  } finally {
    await store.close();
    await harness.destroy();
  }
}

const names = (c: Connection<ExecutionRow>): string[] => c.edges.map((e) => e.node.executionId);

/** Filters, ordering, paging and totals of the list queries. */
export function queriesContract(open: OpenReadModelHarness): void {
  test('listExecutions: newest first, ties broken by id, cursor paging with totalCount', () => withSample(open, async (store) => {
    const all = await store.listExecutions({});
    assert.deepEqual(names(all), ['reports.r2', 'orders.o5', 'orders.o4', 'orders.o3', 'orders.o2', 'reports.r1', 'orders.o1']);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (let hasNext = true; hasNext; pages += 1) {
      const page: Connection<ExecutionRow> = await store.listExecutions({}, { first: 3, after });
      assert.equal(page.totalCount, 7);
      seen.push(...names(page));
      ({ hasNextPage: hasNext, endCursor: after } = page.pageInfo);
    }
    assert.deepEqual([seen, pages], [names(all), 3]);
    const uncounted = await store.listExecutions({ trigger: 'api' }, { first: 2, withTotalCount: false });
    assert.deepEqual([names(uncounted), uncounted.totalCount], [['reports.r2', 'orders.o5'], null]);
    assert.equal((await store.listEvents('orders.o1', { withTotalCount: false })).totalCount, null);
    const empty = await store.listExecutions({}, { first: 0 });
    assert.deepEqual([empty.edges.length, empty.pageInfo.hasNextPage, empty.pageInfo.endCursor, empty.totalCount], [0, true, null, 7]);
  }));

  test('listExecutions: each filter and their combinations', () => withSample(open, async (store) => {
    const cases: [ExecutionFilter, string[]][] = [
      [{ flowName: 'orders' }, ['orders.o5', 'orders.o4', 'orders.o3', 'orders.o2', 'orders.o1']],
      [{ status: 'Failed' }, ['orders.o4', 'orders.o2']],
      [{ flowName: 'orders', status: 'Running' }, ['orders.o3']],
      [{ flowName: 'reports', status: 'Running' }, []],
      [{ trigger: 'kafka' }, ['orders.o3']],
      [{ trigger: 'parent' }, ['reports.r1']],
      [{ namePrefix: 'r' }, ['reports.r2', 'reports.r1']],
      [{ flowName: 'orders', namePrefix: 'o' }, ['orders.o5', 'orders.o4', 'orders.o3', 'orders.o2', 'orders.o1']],
      [{ startedAfter: '2030-01-01T10:02:00.000Z' }, ['reports.r2', 'orders.o5', 'orders.o4', 'orders.o3']],
      [{ startedBefore: '2030-01-01T10:02:00Z' }, ['orders.o2', 'reports.r1', 'orders.o1']],
      [{ flowName: 'orders', startedAfter: '2030-01-01T10:01:00.000Z', startedBefore: '2030-01-01T10:04:00.000Z', status: 'Failed' }, ['orders.o4', 'orders.o2']],
    ];
    for (const [filter, expected] of cases) {
      const page = await store.listExecutions(filter);
      assert.deepEqual([names(page), page.totalCount], [expected, expected.length], JSON.stringify(filter));
    }
    const paged = await store.listExecutions({ flowName: 'orders' }, { first: 2 });
    const next = await store.listExecutions({ flowName: 'orders' }, { first: 2, after: paged.pageInfo.endCursor });
    assert.deepEqual([names(next), next.totalCount], [['orders.o3', 'orders.o2'], 5]);
  }));

  test('listExecutions: bad cursors, sizes and times are rejected with codes', () => withSample(open, async (store) => {
    await assert.rejects(store.listExecutions({}, { after: 'not-a-cursor' }), { code: 'READ.INVALID_CURSOR' });
    await assert.rejects(store.listExecutions({}, { first: 100_000 }), { code: 'READ.INVALID_ARGUMENT' });
    await assert.rejects(store.listExecutions({ startedAfter: 'yesterday' }), { code: 'READ.INVALID_ARGUMENT' });
  }));

  test('listEvents: filtered by types and step path, paged by event id', () => withSample(open, async (store) => {
    const tasks = await store.listEvents('orders.o1', { types: ['TaskScheduled', 'TaskSucceeded'] });
    assert.deepEqual(tasks.edges.map((e) => [e.node.eventId, e.node.type, e.node.attempt]),
      [[8, 'TaskScheduled', 1], [13, 'TaskScheduled', 2], [18, 'TaskScheduled', 3], [19, 'TaskSucceeded', 3]]);
    assert.equal(tasks.totalCount, 4);
    const validate = await store.listEvents('orders.o1', { stepPath: 'validate' });
    assert.deepEqual(validate.edges.map((e) => e.node.type), ['StepEntered', 'StepStarted', 'StepSucceeded', 'StepExited']);
    const first = await store.listEvents('orders.o1', { first: 10 });
    const rest = await store.listEvents('orders.o1', { first: 10, after: first.pageInfo.endCursor });
    const last = await store.listEvents('orders.o1', { first: 10, after: rest.pageInfo.endCursor });
    assert.deepEqual([first.pageInfo.hasNextPage, rest.pageInfo.hasNextPage, last.pageInfo.hasNextPage], [true, true, false]);
    assert.deepEqual(last.edges.map((e) => e.node.eventId), [21, 22]);
    assert.equal((await store.listEvents('nobody.none')).totalCount, 0);
  }));
}
