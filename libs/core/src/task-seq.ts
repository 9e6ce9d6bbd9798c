/**
 * Per-path task counters, bucketed by a hash of the path so an update copies one small bucket and
 * a 16-slot array instead of one record holding every task path of the execution.
 */
export type TaskSeqTable = readonly Readonly<Record<string, number>>[];

const BUCKETS = 16;

const EMPTY_BUCKET: Readonly<Record<string, number>> = Object.freeze({});
const EMPTY_TABLE: TaskSeqTable = Object.freeze(Array.from({ length: BUCKETS }, () => EMPTY_BUCKET));

/** An empty table (shared: tables are never mutated). */
export function emptyTaskSeqTable(): TaskSeqTable {
  return EMPTY_TABLE;
}

function bucketOf(path: string): number {
  let h = 0;
  for (let i = 0; i < path.length; i++) h = (h * 31 + path.charCodeAt(i)) | 0;
  return (h >>> 0) % BUCKETS;
}

export function seqGet(table: TaskSeqTable, path: string): number | undefined {
  return table[bucketOf(path)][path];
}

export function seqSet(table: TaskSeqTable, path: string, value: number): TaskSeqTable {
  const b = bucketOf(path);
  const bucket: Record<string, number> = {};
  const old = table[b];
  for (const k in old) bucket[k] = old[k];
  bucket[path] = value;
  const copy = table.slice();
  copy[b] = bucket;
  return copy;
}
