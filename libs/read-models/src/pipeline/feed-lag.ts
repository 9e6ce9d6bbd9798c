import type { EventStore } from '@ordo/runtime';
import type { ReadModelStore } from '../ports';
import { EXECUTION_STREAM_PREFIX } from '../projectable';

/** Lags up to this many events are counted exactly. */
export const EXACT_LAG_LIMIT = 1000;

/**
 * How many execution events of the log the views have not applied yet: the events after the views'
 * checkpoint, counted exactly up to `exactUpTo` (other streams, such as relay checkpoints, do not
 * count, so a caught-up projector reports 0). Beyond that it returns the feed-position distance to
 * the head, an upper bound that avoids reading a long backlog just to count it.
 */
export async function executionEventsBehind(
  views: Pick<ReadModelStore, 'checkpoint'>,
  log: Pick<EventStore, 'readAll' | 'headPosition'>,
  exactUpTo = EXACT_LAG_LIMIT,
): Promise<number> {
  const checkpoint = await views.checkpoint();
  const start = checkpoint > 0 ? { after: checkpoint } : 'start';
  const pending = await log.readAll(start, { streamPrefix: EXECUTION_STREAM_PREFIX, limit: exactUpTo });
  if (pending.length < exactUpTo) return pending.length;
  return Math.max(pending.length, (await log.headPosition()) - checkpoint);
}
