// `ordo reproject`: after a server ran executions, the command rebuilds the SQLite views under the
// data dir (and PostgreSQL views with --read-db) from the log, giving the rows the live projection had.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { READ_MODELS_FILE, SqliteReadModelStore, type ReadModelStore } from '@ordo/read-models';
import { ORDO_GQL, ServerProcess, gqlData, waitForExecutionEnd, waitUntil } from '@ordo/testing';
import { dropSchemas, dumpViews, openPgViews, pgUrl, viewsSchema } from './support/pg-views';

const ORDO = resolve(__dirname, '..', '..', 'bin', 'ordo.js');
const FLOW = 'version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: first\n  - type: pass\n    name: second\n';

function ordo(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [ORDO, ...args], { encoding: 'utf8', env: { ...process.env, ORDO_READ_DB: '' } });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

async function snapshot(views: ReadModelStore): Promise<unknown> {
  const executions = (await views.listExecutions({}, { first: 100 })).edges.map((e) => e.node);
  const trails = await Promise.all(executions.map(async (x) => (await views.listEvents(x.executionId, { first: 100 })).edges.map((e) => e.node)));
  const runs = await Promise.all(executions.map((x) => views.listStepRuns(x.executionId)));
  return { executions, trails, runs };
}

describe('ordo reproject', () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => { for (const c of cleanups.reverse()) await c(); });

  test('rebuilds SQLite views under --data-dir and PostgreSQL views at --read-db from the log', async () => {
    const server = await ServerProcess.start();
    cleanups.push(() => server.cleanup());
    gqlData(await server.graphql(ORDO_GQL.deploy, { n: 'rebuilt', d: FLOW }));
    const names = ['r1', 'r2', 'r3'];
    for (const n of names) gqlData(await server.graphql(ORDO_GQL.start, { f: 'rebuilt', n, i: { n } }));
    for (const n of names) await waitForExecutionEnd(server, 'rebuilt', n);
    const file = join(server.dataDir, READ_MODELS_FILE);
    const live = new SqliteReadModelStore({ filename: file });
    await waitUntil(async () => (await live.listExecutions({ status: 'Succeeded' })).totalCount === 3, 'three executions in the views');
    const before = await snapshot(live);
    await live.close();
    assert.equal((await server.stop()).code, 0);

    const rebuilt = ordo(['reproject', '--data-dir', server.dataDir, '--batch-size', '7']);
    assert.equal(rebuilt.status, 0, rebuilt.stderr);
    const report = JSON.parse(rebuilt.stdout) as { events: number; batches: number; views: string };
    assert.equal(report.views, file);
    const views = new SqliteReadModelStore({ filename: file });
    try {
      assert.deepEqual(await snapshot(views), before);
      const events = (before as { trails: unknown[][] }).trails.reduce((n, t) => n + t.length, 0);
      assert.equal(report.events, events);
      assert.equal(report.batches, Math.ceil(events / 7));
    } finally {
      await views.close();
    }

    const schema = viewsSchema('cli_rebuilt');
    cleanups.push(() => dropSchemas(schema));
    const toPg = ordo(['reproject', '--data-dir', server.dataDir, '--read-db', pgUrl as string, '--read-schema', schema]);
    assert.equal(toPg.status, 0, toPg.stderr);
    const pgViews = await openPgViews(schema);
    try {
      assert.deepEqual(await snapshot(pgViews), before);
    } finally {
      await pgViews.close();
    }
    assert.ok((await dumpViews(schema)).execution_events.length > 0);

    const missing = ordo(['reproject', '--data-dir', join(server.dataDir, 'nope')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /No event store at .*nope/);
  });
});
