import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { readModelContract } from '@ordo/testing';
import { PostgresReadModelStore } from '@ordo/read-models';

const url = process.env.ORDO_TEST_PG_URL;
if (!url) throw new Error('ORDO_TEST_PG_URL is not set: run through `node scripts/test.mjs int`, which starts PostgreSQL.');

readModelContract('PostgresReadModelStore', async () => {
  const schema = `ordo_read_test_${randomBytes(6).toString('hex')}`;
  return {
    open: () => PostgresReadModelStore.open({ connectionString: url, schema }),
    destroy: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try { await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); } finally { await client.end(); }
    },
  };
});
