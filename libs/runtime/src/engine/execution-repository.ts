import { DECISION_VERSION, fold, initialState, type ExecutionCommand, type ExecutionEvent } from '@ordo/core';
import type { EventStore, NewEvent } from '../ports/event-store';
import type { Logger } from '../ports/logger';
import { executionStream, snapshotStream } from '../streams';
import { decodeExecutionEvent, encodeExecutionEvents } from './event-codec';
import type { ExecutionState } from './execution-state';
import { LruCache } from './lru-cache';

const READ_PAGE = 1000;
const SNAPSHOT_EVENT = 'ExecutionSnapshotted';

/** Options of the execution repository. */
export interface ExecutionRepositoryOptions {
  /** Execution states kept in memory (LRU). */
  readonly cacheSize: number;
  /** A snapshot is written each time an execution's history grows past a multiple of this. */
  readonly snapshotEvery: number;
  readonly logger: Logger;
}

/** The events one command decided (several commands may share one append). */
export interface DecidedSegment {
  readonly command: ExecutionCommand;
  readonly events: readonly ExecutionEvent[];
}

/** What an append returns: the state after the new events and where they landed. */
export interface AppendOutcome {
  readonly state: ExecutionState;
  readonly firstRevision: number;
  readonly position: number;
  /** A feed position certainly before every event of this append (the newest one seen before it). */
  readonly positionBefore: number;
}

/**
 * Loads execution states (LRU cache, else the latest snapshot plus the events after it) and
 * appends decided events with the expected revision. It never retries: conflicts surface as the
 * store's `STORE.VERSION_CONFLICT` and the command handler decides what to do.
 */
export class ExecutionRepository {
  private readonly cache: LruCache<string, ExecutionState>;
  private highestPosition = 0;

  constructor(private readonly store: EventStore, private readonly options: ExecutionRepositoryOptions) {
    this.cache = new LruCache(options.cacheSize);
  }

  /** The current state (the initial state when the stream does not exist). */
  async load(executionId: string): Promise<ExecutionState> {
    const cached = this.cache.get(executionId);
    if (cached !== undefined) return cached;
    const state = await this.loadFromStore(executionId);
    if (state.revision >= 0) this.cache.set(executionId, state);
    return state;
  }

  /** Puts a state in the cache (recovery folds states from the feed). */
  remember(executionId: string, state: ExecutionState): void {
    this.cache.set(executionId, state);
  }

  /** Notes a feed position known to be committed (appends and recovery scans move it forward). */
  observePosition(position: number): void {
    if (position > this.highestPosition) this.highestPosition = position;
  }

  /** The newest feed position this process has seen committed. */
  get lastSeenPosition(): number {
    return this.highestPosition;
  }

  /** Drops a cached state, e.g. after a conflict showed another writer moved the stream. */
  forget(executionId: string): void {
    this.cache.delete(executionId);
  }

  /** Drops the cached states of the executions `released` selects. */
  forgetWhere(released: (executionId: string) => boolean): void {
    for (const executionId of this.cache.keys()) if (released(executionId)) this.cache.delete(executionId);
  }

  /**
   * Appends, in one atomic append, the events each command decided on `state` (in order), and
   * caches `next`, the state after all of them (evolved by the caller); throws the store's error
   * on conflict.
   */
  async append(
    executionId: string, state: ExecutionState, next: ExecutionState, segments: readonly DecidedSegment[], correlationId: string,
  ): Promise<AppendOutcome> {
    const firstRevision = state.revision + 1;
    const decisionVersion = state.revision < 0 ? DECISION_VERSION : state.decisionVersion;
    const encoded: NewEvent[] = [];
    for (const { command, events } of segments) {
      encoded.push(...encodeExecutionEvents(events, { executionId, firstRevision: firstRevision + encoded.length, command, correlationId, decisionVersion }));
    }
    const expected = state.revision < 0 ? 'no_stream' : state.revision;
    const positionBefore = this.highestPosition;
    const result = await this.store.append(executionStream(executionId), encoded, expected);
    this.observePosition(result.position);
    this.cache.set(executionId, next);
    this.maybeSnapshot(executionId, state.revision, next);
    return { state: next, firstRevision, position: result.position, positionBefore };
  }

  /** Reads every event of the stream from a snapshot (or the start) and folds them. */
  async loadFromStore(executionId: string): Promise<ExecutionState> {
    let state = (await this.readSnapshot(executionId)) ?? initialState();
    const stream = executionStream(executionId);
    for (;;) {
      const page = await this.store.readStream(stream, state.revision + 1, READ_PAGE);
      if (page.length === 0) return state;
      state = fold(page.map(decodeExecutionEvent), state);
      if (page.length < READ_PAGE) return state;
    }
  }

  private async readSnapshot(executionId: string): Promise<ExecutionState | undefined> {
    const [last] = await this.store.readStreamBackwards(snapshotStream(executionId), undefined, 1);
    const data = last?.data as { decisionVersion?: number; state?: ExecutionState } | undefined;
    if (!data?.state || data.decisionVersion !== DECISION_VERSION) return undefined;
    return data.state;
  }

  private maybeSnapshot(executionId: string, previousRevision: number, state: ExecutionState): void {
    const every = this.options.snapshotEvery;
    if (Math.floor(state.revision / every) === Math.floor(Math.max(previousRevision, 0) / every)) return;
    const event = { type: SNAPSHOT_EVENT, data: { revision: state.revision, decisionVersion: DECISION_VERSION, state } };
    this.store.append(snapshotStream(executionId), [event], 'any').catch((error: unknown) => {
      this.options.logger.warn('snapshot write failed; the execution will be folded from its events', {
        executionId, revision: state.revision, error: String(error),
      });
    });
  }
}
