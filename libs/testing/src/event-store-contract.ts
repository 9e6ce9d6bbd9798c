import { describe } from 'node:test';
import { appendContract } from './event-store-contract/append.contract';
import { concurrencyContract } from './event-store-contract/concurrency.contract';
import { lifecycleContract } from './event-store-contract/lifecycle.contract';
import { payloadsContract } from './event-store-contract/payloads.contract';
import { readsContract } from './event-store-contract/reads.contract';
import { subscriptionsContract } from './event-store-contract/subscriptions.contract';
import type { OpenEventStore } from './event-store-contract/fixture';

export type { EventStoreFixture, OpenEventStore } from './event-store-contract/fixture';
export { Collector, StreamNames, waitFor } from './event-store-contract/fixture';

/**
 * The EventStore contract (ARCHITECTURE §1.3): every adapter's spec calls this once. `open` is
 * called for every test and may return a shared store (tests use unique stream-name prefixes and
 * never assume an empty feed). `reopen`, when given, opens a new store on the same storage after
 * the suite closed `store`; `cleanup` must tolerate a store that is already closed.
 */
export function eventStoreContract(name: string, open: OpenEventStore): void {
  describe(`EventStore contract: ${name}`, () => {
    describe('append', () => appendContract(open));
    describe('reads', () => readsContract(open));
    describe('subscriptions', () => subscriptionsContract(open));
    describe('payloads', () => payloadsContract(open));
    describe('concurrency', () => concurrencyContract(open));
    describe('lifecycle', () => lifecycleContract(open));
  });
}
