import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  PostgresReadModelStore, READ_MODELS_FILE, SqliteReadModelStore, reproject, type ReadModelStore,
} from '@ordo/read-models';
import { openSqliteEventStore } from '@ordo/store-sqlite';
import { CliError, exitCodes } from '../exit-codes';

/** The embedded event store's file under the data directory (as the server names it). */
const EVENT_STORE_FILE = 'ordo-events.sqlite';

interface ReprojectFlags {
  dataDir?: string;
  readDb?: string;
  readSchema?: string;
  batchSize?: string;
}

/**
 * `ordo reproject`: rebuilds every view from the event log (ARCHITECTURE §5: views are disposable)
 * and prints `{events, batches, checkpoint, views, durationMs}`. Stop the server's projector first.
 */
export function registerReproject(program: Command): void {
  program
    .command('reproject')
    .description('rebuild the read models (executions, audit trail, step runs, metrics) from the event log')
    .option('--data-dir <dir>', 'data directory holding ordo-events.sqlite (default $ORDO_DATA_DIR or ./data)')
    .option('--read-db <url>', 'postgres://… views (default $ORDO_READ_DB; SQLite under the data dir when unset)')
    .option('--read-schema <name>', 'PostgreSQL schema of the views (default $ORDO_READ_SCHEMA or ordo_read)')
    .option('--batch-size <n>', 'events per transaction', '1000')
    .action(async (flags: ReprojectFlags) => {
      try {
        process.stdout.write(`${JSON.stringify(await runReproject(flags))}\n`);
        process.exitCode = exitCodes.ok;
      } catch (e) {
        process.stderr.write(`ordo reproject: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = e instanceof CliError ? e.code : exitCodes.notSucceeded;
      }
    });
}

async function runReproject(flags: ReprojectFlags): Promise<Record<string, unknown>> {
  const dataDir = resolve(flags.dataDir ?? process.env.ORDO_DATA_DIR ?? 'data');
  const logFile = join(dataDir, EVENT_STORE_FILE);
  if (!existsSync(logFile)) throw new CliError(`No event store at ${logFile}: pass --data-dir (or set ORDO_DATA_DIR) to the server's data directory.`);
  const batchSize = Number(flags.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new CliError(`--batch-size must be an integer from 1 to 100000, got "${flags.batchSize}".`);
  const readDb = flags.readDb ?? process.env.ORDO_READ_DB;
  const log = openSqliteEventStore({ path: logFile });
  let views: ReadModelStore | undefined;
  try {
    views = await openViews(readDb, flags.readSchema ?? process.env.ORDO_READ_SCHEMA, dataDir);
    const started = Date.now();
    const result = await reproject(views, log, { batchSize });
    return { ...result, views: readDb ? 'postgres' : join(dataDir, READ_MODELS_FILE), durationMs: Date.now() - started };
  } finally {
    await views?.close();
    await log.close();
  }
}

function openViews(readDb: string | undefined, schema: string | undefined, dataDir: string): Promise<ReadModelStore> {
  if (readDb === undefined || readDb === '') return Promise.resolve(new SqliteReadModelStore({ filename: join(dataDir, READ_MODELS_FILE) }));
  if (!/^postgres(ql)?:\/\//.test(readDb)) throw new CliError('--read-db must be a postgres:// or postgresql:// URL.');
  return PostgresReadModelStore.open({ connectionString: readDb, ...(schema ? { schema } : {}) });
}
