// The server's read side (apps/server/src/read-side): embedded (relay → in-process bus → SQLite
// views under the data dir) and distributed (Kafka → PostgreSQL), through real server processes,
// including a SIGKILL and restart in embedded mode (the in-process bus loses what it held).
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { READ_MODELS_FILE, SqliteReadModelStore, type ReadModelStore } from '@ordo/read-models';
import { executionStream } from '@ordo/runtime';
import { SqliteEventStore } from '@ordo/store-sqlite';
import { ORDO_GQL, ServerProcess, gqlData, uniqueName, waitForExecutionEnd, waitUntil } from '@ordo/testing';
import { dropSchemas, openPgViews, pgUrl, viewsSchema } from './support/pg-views';

const brokers = process.env.ORDO_KAFKA_BROKERS;
if (!brokers) throw new Error('ORDO_KAFKA_BROKERS is not set: run through `npm run test:e2e` (which starts a broker).');

const FLOW = 'version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: first\n    outputMappings:\n      - target: doubled\n        source: $input.n\n  - type: pass\n    name: second\n';

async function runExecutions(server: ServerProcess, names: readonly string[]): Promise<Map<string, unknown>> {
  for (const name of names) gqlData(await server.graphql(ORDO_GQL.start, { f: 'audit', n: name, i: { n: name.length } }));
  const outputs = new Map<string, unknown>();
  for (const name of names) {
    const result = await waitForExecutionEnd(server, 'audit', name);
    assert.equal(result.status, 'Succeeded');
    outputs.set(name, result.output);
  }
  return outputs;
}

/** Waits until the views hold every named execution as Succeeded with the audit trail the server's event store holds. */
async function assertProjected(server: ServerProcess, views: ReadModelStore, names: readonly string[]): Promise<void> {
  const log = new SqliteEventStore({ path: join(server.dataDir, 'ordo-events.sqlite') });
  try {
    for (const name of names) {
      await waitUntil(async () => (await views.getExecution('audit', name))?.status === 'Succeeded', `${name} Succeeded in the views`);
      const row = await views.getExecution('audit', name);
      const stored = (await log.readStream(executionStream(row?.executionId as string))).map((e) => e.type);
      const trail = await views.listEvents(row?.executionId as string, { first: 100 });
      assert.ok(stored.length > 0);
      assert.deepEqual(trail.edges.map((e) => e.node.type), stored, `audit trail of ${name}`);
    }
  } finally {
    await log.close();
  }
}

describe('server read side', () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => { for (const c of cleanups.reverse()) await c(); });

  test('embedded: executions reach the SQLite views, also across a SIGKILL and restart', async () => {
    let server = await ServerProcess.start();
    cleanups.push(() => server.cleanup());
    gqlData(await server.graphql(ORDO_GQL.deploy, { n: 'audit', d: FLOW }));
    await runExecutions(server, ['a1', 'a2', 'a3']);
    const views = new SqliteReadModelStore({ filename: join(server.dataDir, READ_MODELS_FILE) });
    cleanups.push(() => views.close());
    await assertProjected(server, views, ['a1', 'a2', 'a3']);
    await runExecutions(server, ['b1', 'b2']);
    await server.kill('SIGKILL');
    server = await server.restart();
    await runExecutions(server, ['c1']);
    await assertProjected(server, views, ['a1', 'a2', 'a3', 'b1', 'b2', 'c1']);
    assert.equal((await views.listExecutions({ flowName: 'audit' })).totalCount, 6);
    assert.match(server.logs, /read side started/);
  });

  test('distributed: with ORDO_KAFKA_BROKERS and ORDO_READ_DB the views are in PostgreSQL', async () => {
    const schema = viewsSchema('server_views');
    cleanups.push(() => dropSchemas(schema));
    const server = await ServerProcess.start({ env: {
      ORDO_KAFKA_BROKERS: brokers, ORDO_READ_DB: pgUrl as string, ORDO_READ_SCHEMA: schema,
      ORDO_EVENTS_TOPIC: uniqueName('server.events'), ORDO_PROJECTOR_GROUP: uniqueName('server-projector'), ORDO_EVENTS_PARTITIONS: '3',
    } });
    cleanups.push(() => server.cleanup());
    gqlData(await server.graphql(ORDO_GQL.deploy, { n: 'audit', d: FLOW }));
    const outputs = await runExecutions(server, ['k1', 'k2']);
    const views = await openPgViews(schema);
    cleanups.push(() => views.close());
    await assertProjected(server, views, ['k1', 'k2']);
    assert.deepEqual((await views.getExecution('audit', 'k1'))?.output, outputs.get('k1'));
    const exit = await server.stop();
    assert.equal(exit.code, 0);
    assert.match(server.logs, /read side stopped/);
  });
});
