import type { ResourceMapConfig } from '@ordo/runtime';

const ACTION_PREFIX = 'action:';

/**
 * The runtime's resource map from the configured one. Configuration names actions `action:X`
 * (so they cannot be confused with ARNs); the compiled flow's resource ref of an `action: X` task is
 * the bare `X`, so the prefix is dropped here. ARN keys (and `*` prefix keys) pass unchanged.
 */
export function toRuntimeResourceMap(configured: Readonly<Record<string, string>>): ResourceMapConfig {
  return Object.fromEntries(Object.entries(configured).map(([key, target]) =>
    [key.startsWith(ACTION_PREFIX) ? key.slice(ACTION_PREFIX.length) : key, target]));
}
