import type { JsonObject, JsonValue } from '@ordo/core';

/** Reads a string field of an event payload, or null. */
export function str(data: Readonly<Record<string, unknown>>, key: string): string | null {
  const v = data[key];
  return typeof v === 'string' ? v : null;
}

/** Reads a number field of an event payload, or null. */
export function num(data: Readonly<Record<string, unknown>>, key: string): number | null {
  const v = data[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Reads a JSON field of an event payload (absent → null). */
export function json(data: Readonly<Record<string, unknown>>, key: string): JsonValue {
  const v = data[key];
  return v === undefined ? null : (v as JsonValue);
}

/** Reads a JSON-object field of an event payload, or null. */
export function obj(data: Readonly<Record<string, unknown>>, key: string): JsonObject | null {
  const v = data[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : null;
}

/** The step name a runtime path ends with (`order/branch[1]/charge` → `charge`). */
export function stepNameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** Folds foreach iteration indices so every iteration of a step shares its metrics. */
export function metricPathOf(path: string): string {
  return path.replace(/\/iteration\[\d+\]\//g, '/iteration[*]/');
}

/** Milliseconds between two ISO times, never negative. */
export function elapsedMs(fromIso: string, toIso: string): number {
  return Math.max(0, Date.parse(toIso) - Date.parse(fromIso));
}
