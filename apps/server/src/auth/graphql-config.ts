import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '@ordo/api';
import { ConfigError } from '../config/config-error';
import type { ConfigFile } from '../config/config.schema';

/** GraphQL endpoint settings: introspection, the in-browser IDE, and query limits. */
export interface GraphqlSettings {
  readonly introspection: boolean;
  readonly ide: boolean;
  readonly limits: QueryLimits;
}

/**
 * Reads `api.*` from the file and `ORDO_GRAPHQL_*` / `ORDO_MAX_*` from the environment
 * (variables win). Introspection and the IDE default to on only for loopback listeners.
 */
export function readGraphqlSettings(env: NodeJS.ProcessEnv, file: ConfigFile, loopback: boolean): GraphqlSettings {
  const api = file.api ?? {};
  const limits: QueryLimits = {
    maxDepth: intVar(env, 'ORDO_MAX_QUERY_DEPTH', 1, 100) ?? api.maxQueryDepth ?? DEFAULT_QUERY_LIMITS.maxDepth,
    maxComplexity: intVar(env, 'ORDO_MAX_QUERY_COMPLEXITY', 1, 10_000_000) ?? api.maxQueryComplexity ?? DEFAULT_QUERY_LIMITS.maxComplexity,
    maxPageSize: intVar(env, 'ORDO_MAX_PAGE_SIZE', 1, 100_000) ?? api.maxPageSize ?? DEFAULT_QUERY_LIMITS.maxPageSize,
    defaultPageSize: api.defaultPageSize ?? DEFAULT_QUERY_LIMITS.defaultPageSize,
  };
  if (limits.defaultPageSize > limits.maxPageSize) {
    throw new ConfigError(`api.defaultPageSize (${limits.defaultPageSize}) must not exceed the page size limit (${limits.maxPageSize}).`);
  }
  return {
    introspection: boolVar(env, 'ORDO_GRAPHQL_INTROSPECTION') ?? api.introspection ?? loopback,
    ide: boolVar(env, 'ORDO_GRAPHQL_IDE') ?? api.ide ?? loopback,
    limits,
  };
}

function intVar(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}.`);
  return n;
}

function boolVar(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}.`);
}
