import { StoreError, versionConflictError, type AppendResult, type ExpectedRevision } from '@ordo/runtime';
import { RevisionCache } from './revision-cache';
import type { SerialisedEvent } from './rows';
import { MAX_ROWS_PER_INSERT, type Statements } from './statements';

/** One caller's append, waiting in the queue for the next shared commit. */
interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly SerialisedEvent[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: AppendResult } | { readonly conflict: StoreError };

const isUniqueViolation = (e: unknown): boolean =>
  (e as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

/**
 * Group commit: appends issued in the same event-loop turn are written in ONE `BEGIN IMMEDIATE …
 * COMMIT`, each checked against its expected revision on its own (a conflicting append fails alone
 * and writes nothing), and every promise settles only after the shared COMMIT returned.
 */
export class GroupCommitWriter {
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private lastDataVersion: number | undefined;

  constructor(
    private readonly statements: Statements,
    private readonly cache: RevisionCache,
    private readonly now: () => Date,
    private readonly onCommitted: () => void,
  ) {}

  /** Queues an append for the next group commit. */
  enqueue(streamId: string, events: readonly SerialisedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, expected, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes everything queued so far in one transaction and settles each caller's promise. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let outcomes: Outcome[];
    try {
      outcomes = this.commitWithRetry(batch);
    } catch (e) {
      const error = new StoreError('STORE.UNAVAILABLE', `The SQLite commit of ${batch.length} append(s) failed: ${(e as Error).message}.`, {}, true, { cause: e });
      for (const a of batch) a.reject(error);
      return;
    }
    batch.forEach((a, i) => {
      const outcome = outcomes[i];
      if ('ok' in outcome) a.resolve(outcome.ok);
      else a.reject(outcome.conflict);
    });
    if (outcomes.some((o) => 'ok' in o)) this.onCommitted();
  }

  /** A UNIQUE violation means the cache was stale: roll back and redo the batch with fresh reads. */
  private commitWithRetry(batch: readonly PendingAppend[]): Outcome[] {
    try {
      return this.commit(batch);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      this.cache.clear();
      return this.commit(batch);
    }
  }

  private commit(batch: readonly PendingAppend[]): Outcome[] {
    const s = this.statements;
    s.begin.run();
    try {
      this.forgetOtherWritersRevisions();
      const recordedAt = this.now().toISOString();
      const outcomes = batch.map((a) => this.write(a, recordedAt));
      s.commit.run();
      return outcomes;
    } catch (e) {
      this.cache.clear();
      this.lastDataVersion = undefined;
      if (s.rollback.database.inTransaction) s.rollback.run();
      throw e;
    }
  }

  /** PRAGMA data_version changes only when another connection committed: then our cache may lie. */
  private forgetOtherWritersRevisions(): void {
    const version = this.statements.dataVersion.get() as number;
    if (version !== this.lastDataVersion) this.cache.clear();
    this.lastDataVersion = version;
  }

  private write(a: PendingAppend, recordedAt: string): Outcome {
    const actual = this.lastRevision(a.streamId);
    if (a.expected !== 'any' && a.expected !== actual) {
      return { conflict: versionConflictError(a.streamId, a.expected, actual) };
    }
    const first = actual === 'no_stream' ? 0 : actual + 1;
    let position = 0;
    for (let offset = 0; offset < a.events.length; offset += MAX_ROWS_PER_INSERT) {
      const chunk = a.events.slice(offset, offset + MAX_ROWS_PER_INSERT);
      const values: unknown[] = [];
      chunk.forEach((e, i) => values.push(a.streamId, first + offset + i, e.type, e.data, e.metadata, recordedAt));
      position = Number(this.statements.insertRows(chunk.length).run(values).lastInsertRowid);
    }
    const revision = first + a.events.length - 1;
    this.cache.set(a.streamId, revision);
    return { ok: { nextRevision: revision, position } };
  }

  private lastRevision(streamId: string): number | 'no_stream' {
    const cached = this.cache.get(streamId);
    if (cached !== undefined) return cached;
    const stored = this.statements.lastRevision.get(streamId) as number | null;
    return stored ?? 'no_stream';
  }
}
