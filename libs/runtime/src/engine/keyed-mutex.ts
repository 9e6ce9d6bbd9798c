/**
 * Serialises work per key (one execution's commands run one after another) while different keys run
 * concurrently, so appends of many executions can share one group commit.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = previous === undefined ? work() : previous.then(work, work);
    const tail = result.then(noop, noop);
    this.tails.set(key, tail);
    void tail.then(() => { if (this.tails.get(key) === tail) this.tails.delete(key); });
    return result;
  }

  /** Number of keys with work queued or running. */
  get activeKeys(): number {
    return this.tails.size;
  }
}

function noop(): void {}
