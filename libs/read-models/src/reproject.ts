import type { EventStore } from '@ordo/runtime';
import type { ReadModelStore } from './ports';
import { EXECUTION_STREAM_PREFIX } from './projectable';

/** What a reprojection did. */
export interface ReprojectResult {
  readonly events: number;
  readonly batches: number;
  readonly checkpoint: number;
}

/**
 * Rebuilds every view from the log (`ordo reproject`): empties the store, then applies the
 * execution events of the global feed from the start, `batchSize` at a time. Stop the live
 * projector first: the views are empty until the rebuild has passed the events queries need.
 */
export async function reproject(
  store: ReadModelStore,
  log: Pick<EventStore, 'readAll'>,
  options: { batchSize?: number } = {},
): Promise<ReprojectResult> {
  const limit = options.batchSize ?? 1000;
  await store.reset();
  let events = 0;
  let batches = 0;
  let checkpoint = 0;
  let last: number | undefined;
  for (;;) {
    const start = last === undefined ? 'start' : { after: last };
    const batch = await log.readAll(start, { limit, streamPrefix: EXECUTION_STREAM_PREFIX });
    if (batch.length === 0) break;
    checkpoint = (await store.apply(batch)).checkpoint;
    events += batch.length;
    batches += 1;
    last = batch[batch.length - 1].position;
    if (batch.length < limit) break;
  }
  return { events, batches, checkpoint };
}
