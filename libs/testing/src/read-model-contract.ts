import { describe } from 'node:test';
import { durabilityContract } from './read-model-contract/durability.contract';
import { projectorContract } from './read-model-contract/projector.contract';
import { queriesContract } from './read-model-contract/queries.contract';
import { viewsContract } from './read-model-contract/views.contract';
import type { OpenReadModelHarness } from './read-model-contract/fixture';

export type { OpenReadModelHarness, ReadModelHarness } from './read-model-contract/fixture';
export { SAMPLE_NOW, SAMPLE_START, sampleHistories, snapshotViews } from './read-model-contract/fixture';
export { HistoryBuilder, batchesOf, recordFeed, type AttemptOutcome, type HistoryEvent } from './read-model-contract/histories';

/**
 * The ReadModelStore contract (ARCHITECTURE §5): every adapter's spec calls this once. `open` makes
 * fresh, empty storage per test; the harness can reopen it (crash recovery) and must delete it.
 */
export function readModelContract(name: string, open: OpenReadModelHarness): void {
  describe(`ReadModelStore contract: ${name}`, () => {
    describe('views', () => viewsContract(open));
    describe('queries', () => queriesContract(open));
    describe('durability', () => durabilityContract(open));
    describe('projector', () => projectorContract(open));
  });
}
