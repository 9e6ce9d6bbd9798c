import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, HmacTokenService, executionIdOf, executionStream, isRuntimeError, type EventStore } from '@ordo/runtime';
import type { JsonValue } from '@ordo/core';
import { EsdbEventStore } from '@ordo/store-esdb';
import { openSqliteEventStore } from '@ordo/store-sqlite';
import { EsdbProtocolTestServer } from '../esdb-protocol-server';
import { SECRET, waitUntil } from './support/local-cluster';
import { MIXED_FLOW } from './support/mixed-flow';

/** Flows covering retries, waits, choices, callbacks, foreach, catch and fail; their histories do not depend on timing. */
const FLOWS: Record<string, string> = {
  mixed: MIXED_FLOW,
  each: `version: v1
type: flow
steps:
  - type: foreach
    name: each
    maxConcurrency: 1
    iterationMapping: {collection: $.items, item: item, index: i}
    outputMappings:
      - target: doubled
        source: $local[*].v
    steps:
      - type: task
        name: double
        resourceArn: local:double
`,
  rescue: `version: v1
type: flow
steps:
  - type: task
    name: breaks
    resourceArn: local:broken
    catch:
      - errors: [Broken]
        goto: recover
  - type: fail
    name: never
    error: Unreachable
  - type: pass
    name: recover
    end: true
`,
  fails: `version: v1
type: flow
steps:
  - type: task
    name: breaks
    resourceArn: local:broken
`,
};

/** Executions of `FLOWS`: flow, name, input, and whether the test reports a callback. */
const RUNS: ReadonlyArray<{ flow: string; name: string; input: Record<string, JsonValue>; callback?: boolean }> = [
  { flow: 'mixed', name: 'plain', input: { flaky: false, callback: false } },
  { flow: 'mixed', name: 'retried', input: { flaky: true, callback: false } },
  { flow: 'mixed', name: 'called-back', input: { flaky: true, callback: true }, callback: true },
  { flow: 'each', name: 'three', input: { items: [1, 2, 3] } },
  { flow: 'rescue', name: 'caught', input: {} },
  { flow: 'fails', name: 'failed', input: {} },
];

const HANDLERS = {
  flaky: (input: unknown, ctx: { attempt: number }) => {
    if ((input as { flaky?: boolean }).flaky === true && ctx.attempt === 1) throw Object.assign(new Error('first attempt fails'), { name: 'Flaky' });
    return { ...(input as object), prepared: true };
  },
  park: () => ({}),
  double: (input: unknown) => ({ v: 2 * (input as { item: number }).item }),
  broken: () => { throw Object.assign(new Error('always broken'), { name: 'Broken' }); },
};

/** Event type and data with times (`…At` fields, ISO strings, durations) replaced, so two runs compare. */
function normalized(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => normalized(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalized(v, k)]));
  }
  if (/At$|Ms$/.test(key)) return '<time>';
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(value)) return '<time>';
  return value;
}

/** Runs every execution of RUNS on `store` with an embedded engine; returns the normalized histories by name. */
async function historiesOn(store: EventStore): Promise<Map<string, unknown[]>> {
  const engine = new Engine({ store, tokens: new HmacTokenService(SECRET), handlers: HANDLERS, checkpointIntervalMs: 0 });
  await engine.start();
  try {
    for (const [name, yaml] of Object.entries(FLOWS)) await engine.deployFlow(name, yaml);
    for (const run of RUNS) await engine.startExecution({ flowName: run.flow, executionName: run.name, input: run.input });
    const tokens = new HmacTokenService(SECRET);
    await waitUntil(async () => {
      let running = 0;
      for (const run of RUNS) {
        if ((await engine.describeExecution(run.flow, run.name)).status !== 'Running') continue;
        running++;
        if (!run.callback) continue;
        const token = tokens.issue(`${executionIdOf(run.flow, run.name)}:route/choices[0]/approve:1`);
        await engine.reportTaskSucceeded(token, { approved: true }).catch((error: unknown) => {
          if (!isRuntimeError(error)) throw error;
        });
      }
      return running === 0;
    }, 'every execution to finish', 30_000, 50);
    const histories = new Map<string, unknown[]>();
    for (const run of RUNS) {
      const events = await store.readStream(executionStream(executionIdOf(run.flow, run.name)), 0, 10_000);
      histories.set(run.name, events.map((e) => ({ revision: e.revision, type: e.type, data: normalized(e.data) })));
    }
    return histories;
  } finally {
    await engine.close();
  }
}

describe('distributed: the event stores agree', () => {
  test('the same flows give the same histories (up to times) on SQLite and on the EventStoreDB protocol server', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ordo-same-histories-'));
    const sqlite = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
    const server = await EsdbProtocolTestServer.start();
    const esdb = new EsdbEventStore({ connectionString: server.connectionString });
    try {
      const [onSqlite, onEsdb] = await Promise.all([historiesOn(sqlite), historiesOn(esdb)]);
      for (const run of RUNS) {
        const history = onSqlite.get(run.name) ?? [];
        assert.ok(history.length > 3, `${run.name} has a history`);
        assert.deepEqual(onEsdb.get(run.name), history, `${run.name}: EventStoreDB history differs from SQLite's`);
      }
      const last = (name: string) => (onSqlite.get(name)?.at(-1) as { type: string }).type;
      assert.deepEqual(RUNS.map((r) => last(r.name)), ['ExecutionSucceeded', 'ExecutionSucceeded', 'ExecutionSucceeded', 'ExecutionSucceeded', 'ExecutionSucceeded', 'ExecutionFailed']);
    } finally {
      await esdb.close();
      await server.stop();
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
