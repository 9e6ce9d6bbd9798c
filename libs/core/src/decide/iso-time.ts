let cachedMinute = Number.NaN;
let cachedPrefix = '';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * `new Date(ms).toISOString()`, memoizing the `YYYY-MM-DDTHH:MM:` prefix of the last minute seen
 * (decisions arrive in bursts within a minute; the full Date formatting is the slow part).
 */
export function isoOf(ms: number): string {
  const minute = Math.floor(ms / 60_000);
  if (minute !== cachedMinute) {
    const full = new Date(ms).toISOString();
    if (full.length !== 24) return full;
    cachedMinute = minute;
    cachedPrefix = full.slice(0, 17);
  }
  const inMinute = ms - minute * 60_000;
  return `${cachedPrefix}${pad(Math.floor(inMinute / 1000), 2)}.${pad(inMinute % 1000, 3)}Z`;
}
