import type { EventStore } from '@ordo/runtime';
import type { EventBatchHandler } from '../projector';
import type { ReadModelStore } from '../ports';
import { EXECUTION_STREAM_PREFIX } from '../projectable';

/** What a catch-up applied. */
export interface CatchUpResult {
  readonly events: number;
  /** The feed position the catch-up read up to. */
  readonly position: number;
}

/**
 * Applies, straight from the log, every execution event after the views' checkpoint up to the head
 * as it is when the call starts. Embedded mode runs it before consuming the in-process bus, whose
 * messages do not survive a restart: what the relay published but the views had not applied is
 * read from the log instead. Events the bus delivers again afterwards are skipped as duplicates.
 * An aborted `signal` stops it between two batches.
 */
export async function catchUpFromLog(
  views: Pick<ReadModelStore, 'checkpoint'>,
  log: Pick<EventStore, 'readAll' | 'headPosition'>,
  apply: EventBatchHandler,
  options: { readonly batchSize?: number; readonly signal?: AbortSignal } = {},
): Promise<CatchUpResult> {
  const batchSize = options.batchSize ?? 1000;
  const head = await log.headPosition();
  let position = await views.checkpoint();
  let events = 0;
  while (position < head && options.signal?.aborted !== true) {
    const start = position > 0 ? { after: position } : 'start';
    const batch = await log.readAll(start, { streamPrefix: EXECUTION_STREAM_PREFIX, limit: batchSize });
    const upToHead = batch.filter((e) => e.position <= head);
    if (upToHead.length === 0) break;
    await apply(upToHead);
    events += upToHead.length;
    position = upToHead[upToHead.length - 1].position;
    if (upToHead.length < batch.length || batch.length < batchSize) break;
  }
  return { events, position };
}
