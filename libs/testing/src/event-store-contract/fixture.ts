import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import type { EventStore, NewEvent, RecordedEvent } from '@ordo/runtime';

/**
 * What an adapter's test file hands the contract suite for each test: a fresh (or shared) store,
 * an optional `reopen` that opens a new store on the same storage after the suite has closed
 * `store`, and a `cleanup` that releases everything (it may be called after `store.close()`).
 */
export interface EventStoreFixture {
  readonly store: EventStore;
  readonly reopen?: () => Promise<EventStore>;
  readonly cleanup: () => Promise<void>;
}

/** Opens one fixture; called once per contract test. */
export type OpenEventStore = () => Promise<EventStoreFixture>;

/** Unique stream names for one test, all sharing a prefix no other test shares. */
export class StreamNames {
  readonly prefix = `contract${randomUUID().replace(/-/g, '').slice(0, 16)}-`;

  stream(label: string | number): string {
    return `${this.prefix}${label}`;
  }
}

/** Runs `body` against a freshly opened fixture and always cleans it up. */
export async function withFixture(
  open: OpenEventStore,
  body: (fixture: EventStoreFixture, names: StreamNames) => Promise<void>,
): Promise<void> {
  const fixture = await open();
  try {
    await body(fixture, new StreamNames());
  } finally {
    await fixture.cleanup();
  }
}

/** `count` events of type `type` whose data carries a sequence number and a label. */
export function someEvents(count: number, label = 'e', type = 'Tested'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => ({ type, data: { label, seq: i } }));
}

/** Polls `condition` until it holds, failing with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A subscription handler that records every batch it is given. */
export class Collector {
  readonly events: RecordedEvent[] = [];
  readonly batchSizes: number[] = [];

  readonly handler = async (events: readonly RecordedEvent[]): Promise<void> => {
    this.batchSizes.push(events.length);
    this.events.push(...events);
  };

  positions(): number[] {
    return this.events.map((e) => e.position);
  }
}

/** The identity of an event along the feed, for comparing sequences. */
export function feedKeys(events: readonly RecordedEvent[]): string[] {
  return events.map((e) => `${e.position}|${e.streamId}|${e.revision}`);
}

/** Asserts the numbers strictly increase. */
export function assertStrictlyIncreasing(values: readonly number[], what: string): void {
  for (let i = 1; i < values.length; i++) {
    assert.ok(values[i] > values[i - 1], `${what} must strictly increase: ${values[i - 1]} then ${values[i]} at index ${i}`);
  }
}
