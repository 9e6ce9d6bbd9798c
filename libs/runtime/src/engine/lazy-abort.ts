/**
 * An abort flag whose `AbortSignal` is created only when someone asks for it: most task attempts
 * finish without anyone listening, and creating (and aborting) signals is costly on the hot path.
 */
export class LazyAbort {
  private controller: AbortController | undefined;
  private abortedFlag = false;

  get aborted(): boolean {
    return this.abortedFlag;
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.abortedFlag) this.controller.abort();
    }
    return this.controller.signal;
  }

  abort(): void {
    if (this.abortedFlag) return;
    this.abortedFlag = true;
    this.controller?.abort();
  }
}
