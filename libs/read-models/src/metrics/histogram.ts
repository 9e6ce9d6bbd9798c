/**
 * A log-linear histogram of durations in milliseconds (the HDR histogram layout with 5 significant
 * bits): values below 32 ms get one bucket each; above, every power of two is split into 32 equal
 * buckets. A bucket [L, L + w) has w ≤ L / 32, and a percentile is reported as the bucket's
 * midpoint, so the relative error of any reported percentile is at most 1/64 (≈ 1.6 %).
 * Histograms are sparse maps bucket → count: merging is adding counts, memory is bounded by the
 * number of distinct buckets (at most 32 per power of two, ≈ 1,200 up to a year).
 */
export const SUB_BUCKET_BITS = 5;
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

/** Sparse histogram: bucket index → count. */
export type Histogram = Map<number, number>;

/** The bucket index of a duration (negative durations count as 0, fractions are truncated). */
export function bucketOf(durationMs: number): number {
  const v = Math.max(0, Math.floor(durationMs));
  if (v < SUB_BUCKETS) return v;
  let exponent = Math.floor(Math.log2(v));
  if (2 ** exponent > v) exponent -= 1; // log2 rounds up just below large powers of two
  const shift = exponent - SUB_BUCKET_BITS;
  const sub = Math.floor(v / 2 ** shift) - SUB_BUCKETS;
  return SUB_BUCKETS + shift * SUB_BUCKETS + sub;
}

/** The lowest value and width of a bucket. */
export function bucketRange(bucket: number): { low: number; width: number } {
  if (bucket < SUB_BUCKETS) return { low: bucket, width: 1 };
  const shift = Math.floor((bucket - SUB_BUCKETS) / SUB_BUCKETS);
  const sub = (bucket - SUB_BUCKETS) % SUB_BUCKETS;
  const width = 2 ** shift;
  return { low: (SUB_BUCKETS + sub) * width, width };
}

/** The value reported for a bucket: exact below 32 ms, otherwise the bucket's midpoint. */
export function bucketValue(bucket: number): number {
  const { low, width } = bucketRange(bucket);
  return width === 1 ? low : low + width / 2;
}

/** Adds `count` observations of `bucket` to `into`. */
export function addToHistogram(into: Histogram, bucket: number, count: number): void {
  into.set(bucket, (into.get(bucket) ?? 0) + count);
}

/** Total observations. */
export function histogramCount(h: Histogram): number {
  let n = 0;
  for (const c of h.values()) n += c;
  return n;
}

/**
 * The value at quantile `q` (0 < q ≤ 1): the smallest bucket whose cumulative count reaches
 * `ceil(q × total)` (the nearest-rank definition), or null for an empty histogram.
 */
export function quantile(h: Histogram, q: number): number | null {
  const total = histogramCount(h);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const bucket of [...h.keys()].sort((a, b) => a - b)) {
    seen += h.get(bucket) ?? 0;
    if (seen >= rank) return bucketValue(bucket);
  }
  return null;
}
