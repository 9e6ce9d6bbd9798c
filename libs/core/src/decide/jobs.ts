import type { JsonObject, JsonValue } from '../json';

/**
 * The work items `decide` processes until none is left. Step handlers never call each other;
 * they push jobs, so one decision is a flat loop (no deep recursion, no module cycles).
 */
export type Job =
  /** Enter step `index` of the list run by `scope`. */
  | { readonly kind: 'enter'; readonly scope: string; readonly index: number }
  /** The step's own work finished with `local`; `output` overrides the computed output (catch). */
  | { readonly kind: 'succeed'; readonly path: string; readonly local: JsonValue; readonly output?: JsonObject; readonly goto?: number; readonly viaSucceed?: boolean }
  /** The step failed (not caught): record it and fail its scope. */
  | { readonly kind: 'fail'; readonly path: string; readonly error: string; readonly cause: string }
  /** The list of `scope` is done; `viaSucceed` when a succeed step ended it early. */
  | { readonly kind: 'completeScope'; readonly scope: string; readonly viaSucceed: boolean }
  /** A step of `scope` failed uncaught: the scope's owner fails with the same error. */
  | { readonly kind: 'failScope'; readonly scope: string; readonly error: string; readonly cause: string };
