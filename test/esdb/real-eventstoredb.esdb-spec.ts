import { describe } from 'node:test';
import { EsdbEventStore } from '@ordo/store-esdb';
import { eventStoreContract } from '@ordo/testing';

// `npm run test:esdb`: the EventStore contract against a real EventStoreDB / KurrentDB node given by
// ORDO_ESDB_URL (see docs/esdb.md). Not part of the unit/int/e2e tiers: it needs Docker.

const url = process.env.ORDO_ESDB_URL?.trim();

if (!url) {
  const reason = 'ORDO_ESDB_URL is not set; start a node with `docker-compose up -d eventstore` and run '
    + '`ORDO_ESDB_URL=esdb://localhost:2113?tls=false npm run test:esdb` (docs/esdb.md)';
  console.log(`test:esdb skipped: ${reason}`);
  describe('EventStore contract: EsdbEventStore on a real EventStoreDB', { skip: reason }, () => undefined);
} else {
  eventStoreContract(`EsdbEventStore on ${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`, async () => {
    const open = (): EsdbEventStore => new EsdbEventStore({ connectionString: url });
    const store = open();
    return { store, reopen: async () => open(), cleanup: () => store.close() };
  });
}
