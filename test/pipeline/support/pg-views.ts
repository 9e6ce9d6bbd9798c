// Raw table dumps of PostgreSQL read models, for exact comparisons between a live projection and a
// reprojection (every row of every view, so lost or double-applied rows show up).
import { Client } from 'pg';
import { PostgresReadModelStore } from '@ordo/read-models';
import { uniqueName } from '@ordo/testing';

export const pgUrl = process.env.ORDO_TEST_PG_URL;
if (!pgUrl) throw new Error('ORDO_TEST_PG_URL is not set: run through `npm run test:int` / `test:e2e` (which start PostgreSQL).');

// A counter row at 0 reads the same as no row: batches coalesce +1/-1 into nothing, while the same
// changes split over two batches leave a 0 behind, so zero counters are left out of the dump.
const TABLES: Record<string, string> = {
  executions: 'ORDER BY execution_id',
  execution_events: 'ORDER BY execution_id, event_id',
  step_runs: 'ORDER BY execution_id, run_id',
  flow_counters: 'WHERE value <> 0 ORDER BY flow_name, name',
  flow_durations: 'ORDER BY flow_name, minute, path, bucket',
};

/** A fresh schema name for one test's views. */
export function viewsSchema(prefix: string): string {
  return uniqueName(prefix).toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 60);
}

/** Opens the PostgreSQL views in `schema` (created when missing). */
export function openPgViews(schema: string): Promise<PostgresReadModelStore> {
  return PostgresReadModelStore.open({ connectionString: pgUrl as string, schema });
}

/** Every row of every view table in `schema`, in primary-key order. */
export async function dumpViews(schema: string): Promise<Record<string, unknown[]>> {
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const dump: Record<string, unknown[]> = {};
    for (const [table, clauses] of Object.entries(TABLES)) {
      dump[table] = (await client.query(`SELECT * FROM ${schema}.${table} ${clauses}`)).rows;
    }
    return dump;
  } finally {
    await client.end();
  }
}

/** Drops the schemas (test clean-up). */
export async function dropSchemas(...schemas: string[]): Promise<void> {
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
