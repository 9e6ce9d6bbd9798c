/** Error-name matching for retry and catch (SPEC Part A §8): exact, `FnF.ALL`, or a `prefix*`. */
export function errorMatches(patterns: readonly string[], error: string): boolean {
  for (const p of patterns) {
    if (p === error || p === 'FnF.ALL') return true;
    if (p.endsWith('*') && error.startsWith(p.slice(0, -1))) return true;
  }
  return false;
}

/** Delay in ms before retry `k` (1-based): `min(interval × multiplier^(k−1), maxInterval)` seconds. */
export function retryDelayMs(intervalSeconds: number, multiplier: number, maxIntervalSeconds: number, k: number): number {
  const seconds = Math.min(intervalSeconds * Math.pow(multiplier, k - 1), maxIntervalSeconds);
  return Math.round(seconds * 1000);
}
