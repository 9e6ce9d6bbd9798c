import { ReadModelError } from '../errors';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
export const MINUTE_MS = 60_000;
/** The longest window a metrics query may ask for. */
export const MAX_WINDOW_MS = 90 * UNIT_MS.d;

/** Parses a window such as `90s`, `15m`, `1h` or `7d` into milliseconds (at most 90 days). */
export function parseWindow(window: string): number {
  const match = /^(\d{1,6})([smhd])$/.exec(window.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2]] : NaN;
  if (!(ms > 0) || ms > MAX_WINDOW_MS) {
    throw new ReadModelError('READ.INVALID_WINDOW',
      `Metrics window "${window}" must be a positive number followed by s, m, h or d, and at most 90d.`);
  }
  return ms;
}

/** The minute index (epoch minutes) an ISO time falls in; histograms are kept per minute. */
export function minuteOf(iso: string): number {
  return Math.floor(Date.parse(iso) / MINUTE_MS);
}

/** The minute buckets [from, to] a window ending at `now` covers (whole minutes, inclusive). */
export function windowMinutes(windowMs: number, now: Date): { from: number; to: number } {
  const to = Math.floor(now.getTime() / MINUTE_MS);
  return { from: Math.floor((now.getTime() - windowMs) / MINUTE_MS), to };
}
