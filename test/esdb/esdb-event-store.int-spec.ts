import { after, before } from 'node:test';
import { EsdbEventStore } from '@ordo/store-esdb';
import { eventStoreContract } from '@ordo/testing';
import { EsdbProtocolTestServer } from '../esdb-protocol-server';

/** Like a real node started with `--max-append-size` above the contract's 1 MiB payload (docs/esdb.md). */
const MAX_APPEND_SIZE = 8 * 1024 * 1024;

let server: EsdbProtocolTestServer;

before(async () => {
  server = await EsdbProtocolTestServer.start({ maxAppendSize: MAX_APPEND_SIZE });
});

after(async () => {
  await server.stop();
});

eventStoreContract('EsdbEventStore on EsdbProtocolTestServer', async () => {
  const open = (): EsdbEventStore => new EsdbEventStore({ connectionString: server.connectionString });
  const store = open();
  return { store, reopen: async () => open(), cleanup: () => store.close() };
});
