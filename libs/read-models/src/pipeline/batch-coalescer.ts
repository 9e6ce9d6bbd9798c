import type { RecordedEvent } from '@ordo/runtime';
import type { EventBatchHandler } from '../projector';

interface Waiting {
  readonly events: readonly RecordedEvent[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for projectors: batches submitted while an apply is in flight wait and are then
 * applied together, in submission order, as ONE batch (one store transaction). Under load the
 * transactions grow and their fixed cost is shared; when idle a batch is applied at once. Each
 * caller's promise settles with the apply that carried its events, so a caller commits its own
 * offsets only after its events are durable. Per-execution order holds because one execution's
 * events come from one partition, whose next delivery waits for the previous one to settle.
 */
export class BatchCoalescer {
  private waiting: Waiting[] = [];
  private applying = false;

  constructor(private readonly apply: EventBatchHandler, private readonly maxEvents = 5000) {}

  /** Resolves once `events` are applied (alone or with others); rejects if that apply failed. */
  submit(events: readonly RecordedEvent[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ events, resolve, reject });
      if (!this.applying) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.applying = true;
    while (this.waiting.length > 0) {
      const group = this.takeGroup();
      try {
        await this.apply(group.flatMap((w) => w.events));
        for (const w of group) w.resolve();
      } catch (e) {
        for (const w of group) w.reject(e);
      }
    }
    this.applying = false;
  }

  private takeGroup(): Waiting[] {
    let count = 0;
    let take = 0;
    while (take < this.waiting.length && (take === 0 || count + this.waiting[take].events.length <= this.maxEvents)) {
      count += this.waiting[take].events.length;
      take += 1;
    }
    return this.waiting.splice(0, take);
  }
}
