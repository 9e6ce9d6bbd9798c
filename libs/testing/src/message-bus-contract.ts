import { describe } from 'node:test';
import { adminContract } from './message-bus-contract/admin.contract';
import { flowControlContract } from './message-bus-contract/flow-control.contract';
import { groupsContract } from './message-bus-contract/groups.contract';
import { publishContract } from './message-bus-contract/publish.contract';
import type { OpenMessageBus } from './message-bus-contract/fixture';

export { BusFixture, Received, recordingConsumer, uniqueName, waitUntil } from './message-bus-contract/fixture';
export type { OpenMessageBus } from './message-bus-contract/fixture';

/**
 * The MessageBus contract (ARCHITECTURE §1.3, §8): every adapter's spec calls this once. `open` is
 * called several times per test and must return a new client on the same broker each time (a
 * second process, as far as the bus can tell); the suite closes every client it opened. Every test
 * uses its own random-suffixed topics and groups.
 */
export function messageBusContract(name: string, open: OpenMessageBus): void {
  describe(`MessageBus contract: ${name}`, () => {
    describe('topic admin', () => adminContract(open));
    describe('publish and consume', () => publishContract(open));
    describe('consumer groups', () => groupsContract(open));
    describe('flow control', () => flowControlContract(open));
  });
}
