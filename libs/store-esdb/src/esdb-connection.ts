import { EventStoreDBClient } from '@eventstore/db-client';
import { StoreError } from '@ordo/runtime';

/** The environment variable holding the EventStoreDB connection string. */
export const ESDB_URL_VARIABLE = 'ORDO_ESDB_URL';

/**
 * A client for an `esdb://` or `esdb+discover://` connection string (e.g.
 * `esdb://localhost:2113?tls=false`; TLS is on unless `tls=false`). The client connects lazily.
 */
export function connectEsdb(connectionString: string): EventStoreDBClient {
  if (!/^esdb(\+discover)?:\/\//.test(connectionString)) {
    throw new StoreError('STORE.INVALID', `EventStoreDB connection string "${redact(connectionString)}" must start with esdb:// or esdb+discover://.`);
  }
  try {
    return EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    throw new StoreError('STORE.INVALID', `EventStoreDB connection string "${redact(connectionString)}" is invalid: ${(error as Error).message}.`, {}, false, { cause: error });
  }
}

/** The connection string from `ORDO_ESDB_URL`, or a STORE.INVALID naming the variable. */
export function esdbUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const url = env[ESDB_URL_VARIABLE]?.trim();
  if (!url) throw new StoreError('STORE.INVALID', `${ESDB_URL_VARIABLE} is not set; expected e.g. esdb://localhost:2113?tls=false.`);
  return url;
}

/** The connection string without a password, for error messages. */
function redact(connectionString: string): string {
  return connectionString.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
