import { StoreError } from '@ordo/runtime';

/** EventStoreDB's `$all` position: byte offsets of the commit and prepare records in its log. */
export interface EsdbLogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** What EventStoreDB sends when an event has no `$all` position (u64 max). */
const NO_POSITION = 18_446_744_073_709_551_615n;

/**
 * The port's feed position for an EventStoreDB position: its commit position (see
 * docs/decisions/0201-esdb-feed-positions.md). For every event written through gRPC the commit
 * and prepare positions of a read event are equal and unique; an append reports the last event's
 * commit position. Rejects positions the server did not report or that exceed 2^53.
 */
export function feedPositionOf(position: EsdbLogPosition | undefined, what: string): number {
  if (!position || position.commit === NO_POSITION) {
    throw new StoreError('STORE.INVALID', `EventStoreDB reported no $all position for ${what}; Ordo needs EventStoreDB 22.6 or later.`);
  }
  if (position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new StoreError('STORE.INVALID', `EventStoreDB commit position ${position.commit} of ${what} exceeds 2^53.`);
  }
  return Number(position.commit);
}

/** The EventStoreDB position of the event at feed position `position`. */
export function logPositionOf(position: number): EsdbLogPosition {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new StoreError('STORE.INVALID', `Feed position ${position} is not a non-negative safe integer.`);
  }
  const value = BigInt(position);
  return { commit: value, prepare: value };
}
