import { DECISION_VERSION, type ExecutionState } from '@ordo/core';
import type { EventStore } from '../ports/event-store';
import { snapshotStream } from '../streams';

interface SnapshotData {
  readonly revision?: number;
  readonly decisionVersion?: number;
  readonly state?: ExecutionState;
}

/**
 * The newest snapshot of an execution taken at or before `revision`, or undefined. Snapshots are
 * appended in revision order to `ordoSnapshot-<id>`, so a binary search over the snapshot stream
 * reads about log2(snapshots) events. Snapshots of another decision version are ignored.
 */
export async function snapshotAtOrBefore(store: EventStore, executionId: string, revision: number): Promise<ExecutionState | undefined> {
  const stream = snapshotStream(executionId);
  const [newest] = await store.readStreamBackwards(stream, undefined, 1);
  if (newest === undefined) return undefined;
  let low = 0;
  let high = newest.revision;
  let best: ExecutionState | undefined;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const [event] = await store.readStream(stream, middle, 1);
    const data = event?.data as SnapshotData | undefined;
    const at = data?.state?.revision ?? data?.revision;
    if (at === undefined || at > revision) {
      high = middle - 1;
      continue;
    }
    if (data?.decisionVersion === DECISION_VERSION && data.state !== undefined) best = data.state;
    low = middle + 1;
  }
  return best;
}
