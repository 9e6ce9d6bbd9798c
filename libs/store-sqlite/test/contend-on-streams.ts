import type { EventStore, StoreError } from '@ordo/runtime';

/**
 * Appends `count` events to each stream (one writer per stream, all concurrent), reading the
 * stream's revision before each try and retrying on VERSION_CONFLICT; reports each acknowledged
 * append as "ack <stream> <revision> <tag>:<i>".
 */
export async function contendedAppends(
  store: EventStore, tag: string, streams: readonly string[], count: number,
  report: (line: string) => void, isStoreError: (e: unknown, code?: StoreError['code']) => boolean,
): Promise<void> {
  await Promise.all(streams.map(async (streamId) => {
    for (let i = 0; i < count; i++) {
      for (;;) {
        const [last] = await store.readStreamBackwards(streamId, undefined, 1);
        try {
          const { nextRevision } = await store.append(streamId, [{ type: 'Contended', data: { by: `${tag}:${i}` } }], last ? last.revision : 'no_stream');
          report(`ack ${streamId} ${nextRevision} ${tag}:${i}`);
          break;
        } catch (e) {
          if (!isStoreError(e, 'STORE.VERSION_CONFLICT')) throw e;
        }
      }
    }
  }));
}
