import type { RecordedEvent } from '@ordo/runtime';
import { toProjectable, type ProjectableEvent } from './projectable';

/**
 * Adapts a batch of recorded events for projection: the execution events among them and the
 * feed position the checkpoint moves to (the batch's highest, events of other streams included).
 */
export function prepareBatch(events: readonly RecordedEvent[]): { projectable: ProjectableEvent[]; position: number } {
  const projectable: ProjectableEvent[] = [];
  let position = 0;
  for (const recorded of events) {
    position = Math.max(position, recorded.position);
    const event = toProjectable(recorded);
    if (event !== undefined) projectable.push(event);
  }
  return { projectable, position };
}
