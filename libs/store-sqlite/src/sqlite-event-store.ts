import Database from 'better-sqlite3';
import {
  StoreError, type AppendResult, type EventStore, type ExpectedRevision, type FeedStart, type NewEvent,
  type ReadAllOptions, type RecordedEvent, type SubscribeOptions, type Subscription,
} from '@ordo/runtime';
import { FeedSubscription } from './feed-subscription';
import { GroupCommitWriter } from './group-commit-writer';
import { RevisionCache } from './revision-cache';
import { serialiseAppend, toRecordedEvent } from './rows';
import { prepareDatabase, type SqliteDurability } from './schema';
import { prepareStatements, type Statements } from './statements';

/** How to open the embedded store. */
export interface SqliteEventStoreOptions {
  /** The database file (created when missing). */
  readonly path: string;
  /** `full` (default): every acknowledged append survives power loss. */
  readonly durability?: SqliteDurability;
  /** How long a writer waits for another process's write lock (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /** How often idle subscriptions look for other processes' appends (default 25 ms). */
  readonly pollIntervalMs?: number;
  /** SQLite's page cache for this connection in MB (default 32; the OS caches the file as well). */
  readonly pageCacheMb?: number;
  /** Streams whose last revision is cached in this process (default 10,000; a miss costs one indexed lookup). */
  readonly revisionCacheSize?: number;
  /** Supplies `recordedAt` (defaults to the wall clock). */
  readonly now?: () => Date;
}

const NO_LIMIT = -1;

/**
 * The embedded EventStore (ARCHITECTURE §2): one SQLite file in WAL mode, one global order by
 * `position`, optimistic concurrency per stream, and group commit so that many appends share one
 * durable commit. Several processes may open the same file.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly writer: GroupCommitWriter;
  private readonly subscriptions = new Set<FeedSubscription>();
  private readonly pollIntervalMs: number;
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    this.db = new Database(options.path);
    try {
      prepareDatabase(this.db, options.durability ?? 'full', options.busyTimeoutMs ?? 5000, options.pageCacheMb);
      this.statements = prepareStatements(this.db);
    } catch (e) {
      this.db.close();
      throw new StoreError('STORE.UNAVAILABLE', `The SQLite event store at "${options.path}" could not be opened: ${(e as Error).message}.`, {}, false, { cause: e });
    }
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    const cache = new RevisionCache(options.revisionCacheSize ?? 10_000);
    this.writer = new GroupCommitWriter(this.statements, cache, options.now ?? (() => new Date()), () => this.wakeSubscriptions());
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    return this.writer.enqueue(streamId, serialiseAppend(streamId, events, expected), expected);
  }

  async readStream(streamId: string, fromRevision = 0, limit = NO_LIMIT): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.statements.streamForwards.all(streamId, Math.max(0, fromRevision), limit).map(toRecordedEvent);
  }

  async readStreamBackwards(streamId: string, fromRevision = Number.MAX_SAFE_INTEGER, limit = NO_LIMIT): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.statements.streamBackwards.all(streamId, fromRevision, limit).map(toRecordedEvent);
  }

  async readAll(start: FeedStart, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (start === 'end') return [];
    const after = start === 'start' ? 0 : start.after;
    return this.page(after, Number.MAX_SAFE_INTEGER, options.streamPrefix, options.limit ?? NO_LIMIT);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.head();
  }

  subscribeToAll(
    start: FeedStart,
    handler: (events: readonly RecordedEvent[]) => Promise<void>,
    options: SubscribeOptions = {},
  ): Subscription {
    this.assertOpen();
    const after = start === 'start' ? 0 : start === 'end' ? this.head() : start.after;
    const source = { head: () => this.head(), page: this.page.bind(this) };
    const subscription = new FeedSubscription(source, after, handler, options, this.pollIntervalMs, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Flushes queued appends, stops every subscription, then closes the database. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.writer.flush();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.db.close();
  }

  private head(): number {
    return this.db.open ? (this.statements.head.get() as number) : 0;
  }

  private page(after: number, upTo: number, prefix: string | undefined, limit: number): RecordedEvent[] {
    if (!this.db.open) return [];
    const rows = prefix === undefined
      ? this.statements.feed.all(after, upTo, limit)
      : this.statements.feedWithPrefix.all(after, upTo, prefix, limit);
    return rows.map(toRecordedEvent);
  }

  private wakeSubscriptions(): void {
    for (const s of this.subscriptions) s.wake();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('STORE.CLOSED', 'The SQLite event store is closed.');
  }
}

/** Opens (creating when needed) the embedded event store at `options.path`. */
export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  return new SqliteEventStore(options);
}
