/**
 * Per-path task counters, bucketed by a hash of the path. A bucket is a flat array
 * `[path, value, path, value, …]`: an update copies one short array and the 16-slot table (cheap
 * slices) instead of one record holding every task path of the execution.
 */
export type TaskSeqTable = readonly (readonly (string | number)[])[];

const BUCKETS = 16;
const EMPTY_BUCKET: readonly (string | number)[] = [];
const EMPTY_TABLE: TaskSeqTable = Array.from({ length: BUCKETS }, () => EMPTY_BUCKET);

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
  const bucket = table[bucketOf(path)];
  for (let i = 0; i < bucket.length; i += 2) if (bucket[i] === path) return bucket[i + 1] as number;
  return undefined;
}

export function seqSet(table: TaskSeqTable, path: string, value: number): TaskSeqTable {
  const b = bucketOf(path);
  const bucket = table[b].slice();
  let i = 0;
  while (i < bucket.length && bucket[i] !== path) i += 2;
  bucket[i] = path;
  bucket[i + 1] = value;
  const copy = table.slice();
  copy[b] = bucket;
  return copy;
}
