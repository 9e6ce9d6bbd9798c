import type { EventStore } from '../ports/event-store';
import { checkpointStream, NAME_PATTERN } from '../streams';

/** Durable positions of followers of the global feed (the relay, by name). */
export interface CheckpointStore {
  /** The last saved feed position of `name`, or `undefined` when it never saved one. */
  load(name: string): Promise<number | undefined>;
  /** Records that `name` has handled the feed up to and including `position`. */
  save(name: string, position: number): Promise<void>;
}

/** Event type of a checkpoint record in an `ordoCheckpoint-<name>` stream. */
export const CHECKPOINT_SAVED = 'CheckpointSaved';

function assertCheckpointName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new Error(`Checkpoint name ${JSON.stringify(name)} is invalid: use 1-128 characters from [A-Za-z0-9_-], starting with a letter or "_".`);
  }
}

/**
 * Checkpoints kept in the event store itself: every save appends `CheckpointSaved {position, at}`
 * to `ordoCheckpoint-<name>`; `load` reads the newest. No second database to keep consistent, and
 * it works on every EventStore adapter. The stream grows by one event per save, so followers save
 * on an interval (docs/decisions/0701-relay-checkpoint-in-the-event-store.md).
 */
export class EventStoreCheckpointStore implements CheckpointStore {
  constructor(private readonly store: EventStore, private readonly now: () => Date = () => new Date()) {}

  async load(name: string): Promise<number | undefined> {
    assertCheckpointName(name);
    const [last] = await this.store.readStreamBackwards(checkpointStream(name), undefined, 1);
    const position = (last?.data as { position?: unknown } | undefined)?.position;
    return typeof position === 'number' ? position : undefined;
  }

  async save(name: string, position: number): Promise<void> {
    assertCheckpointName(name);
    if (!Number.isSafeInteger(position) || position < 0) {
      throw new Error(`Checkpoint position ${position} for "${name}" must be a non-negative integer.`);
    }
    await this.store.append(checkpointStream(name), [{ type: CHECKPOINT_SAVED, data: { position, at: this.now().toISOString() } }], 'any');
  }
}
