/**
 * This process's view of each stream's last revision, bounded in size. It is only a shortcut:
 * the writer clears it whenever another connection committed (PRAGMA data_version changed) or a
 * transaction failed, and the UNIQUE (stream, revision) constraint remains the real guard.
 */
export class RevisionCache {
  private readonly revisions = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): number | undefined {
    return this.revisions.get(streamId);
  }

  set(streamId: string, revision: number): void {
    this.revisions.delete(streamId);
    this.revisions.set(streamId, revision);
    if (this.revisions.size > this.capacity) {
      const oldest = this.revisions.keys().next().value;
      if (oldest !== undefined) this.revisions.delete(oldest);
    }
  }

  clear(): void {
    this.revisions.clear();
  }
}
