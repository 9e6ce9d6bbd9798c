/** One event as the test server stores it. `position` is both its commit and prepare position. */
export interface LoggedEvent {
  readonly id: string;
  readonly streamName: string;
  readonly revision: number;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB reports `created`. */
  readonly createdTicks: bigint;
  readonly position: bigint;
}

/** An event proposed by an append, before the log assigns its revision and position. */
export type ProposedEvent = Pick<LoggedEvent, 'id' | 'type' | 'contentType' | 'data' | 'customMetadata'>;

/** EventStoreDB's expected-revision options for an append. */
export type ExpectedStreamState =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: number };

/** Outcome of an append; `currentRevision` is -1 for a stream with no events. */
export type AppendOutcome =
  | { readonly ok: true; readonly currentRevision: number; readonly written?: { readonly first: bigint; readonly last: bigint } }
  | { readonly ok: false; readonly currentRevision: number };

/** Where the first user record lands: a real log starts with epoch and system records. */
const FIRST_POSITION = 1_024n;
/** Fixed bytes a prepare record takes besides its variable fields (a rough log-record header). */
const RECORD_OVERHEAD = 94;

/**
 * The transaction log of the test server: one append-only array ordered by position, plus a
 * per-stream index. Positions are byte offsets like EventStoreDB's, so they grow unevenly.
 */
export class InMemoryEventLog {
  private readonly events: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly waiters = new Set<() => void>();
  private nextPosition = FIRST_POSITION;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Number of events in the log; also the index the next event will take. */
  get length(): number {
    return this.events.length;
  }

  /** The event at `index` in log order. */
  at(index: number): LoggedEvent | undefined {
    return this.events[index];
  }

  /** Index of the first event whose position is `>= position` (the log length when none). */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.events[mid].position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** All events of `streamName` in revision order, or undefined when the stream does not exist. */
  stream(streamName: string): readonly LoggedEvent[] | undefined {
    return this.streams.get(streamName);
  }

  /** Appends atomically under the expected-state check, with EventStoreDB's idempotent retries. */
  append(streamName: string, expected: ExpectedStreamState, proposed: readonly ProposedEvent[]): AppendOutcome {
    const existing = this.streams.get(streamName) ?? [];
    const currentRevision = existing.length - 1;
    const replayed = this.idempotentReplay(existing, expected, proposed);
    if (replayed) return replayed;
    if (!satisfies(expected, currentRevision)) return { ok: false, currentRevision };
    if (proposed.length === 0) return { ok: true, currentRevision };
    const created = BigInt(this.now().getTime()) * 10_000n;
    const written = proposed.map((event, i) => this.place(streamName, currentRevision + 1 + i, event, created));
    this.streams.set(streamName, [...existing, ...written]);
    this.wakeWaiters();
    const span = { first: written[0].position, last: written[written.length - 1].position };
    return { ok: true, currentRevision: currentRevision + written.length, written: span };
  }

  /** Resolves on the next append (or right away when `index` is already behind the log end). */
  waitForEventAt(index: number, signal: AbortSignal): Promise<void> {
    if (index < this.events.length || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        this.waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.waiters.add(wake);
      signal.addEventListener('abort', wake);
    });
  }

  private place(streamName: string, revision: number, event: ProposedEvent, createdTicks: bigint): LoggedEvent {
    const logged: LoggedEvent = { ...event, streamName, revision, createdTicks, position: this.nextPosition };
    const size = RECORD_OVERHEAD + streamName.length + event.type.length + event.data.length + event.customMetadata.length;
    this.nextPosition += BigInt(size);
    this.events.push(logged);
    return logged;
  }

  /**
   * A retried append whose event ids already sit at the expected place succeeds without writing
   * again, reporting the revision of the last of those events (EventStoreDB's idempotent write).
   */
  private idempotentReplay(
    existing: readonly LoggedEvent[], expected: ExpectedStreamState, proposed: readonly ProposedEvent[],
  ): AppendOutcome | undefined {
    if (proposed.length === 0) return undefined;
    const firstIndex = expected.kind === 'revision' ? expected.revision + 1
      : expected.kind === 'no_stream' ? 0
        : existing.findIndex((e) => e.id === proposed[0].id);
    if (firstIndex < 0 || firstIndex + proposed.length > existing.length) return undefined;
    const matches = proposed.every((event, i) => existing[firstIndex + i].id === event.id);
    if (!matches) return undefined;
    const last = existing[firstIndex + proposed.length - 1];
    return { ok: true, currentRevision: last.revision, written: { first: existing[firstIndex].position, last: last.position } };
  }

  private wakeWaiters(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

function satisfies(expected: ExpectedStreamState, currentRevision: number): boolean {
  switch (expected.kind) {
    case 'any': return true;
    case 'no_stream': return currentRevision === -1;
    case 'stream_exists': return currentRevision >= 0;
    case 'revision': return currentRevision === expected.revision;
  }
}
