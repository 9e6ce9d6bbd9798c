import type { TriggersConfig } from '@ordo/runtime';
import { ORDO_ROLES, type OrdoRole } from './roles';
export { ORDO_ROLES, type OrdoRole };

export type SqliteSynchronous = 'full' | 'normal';
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

import type { AuthSettings } from '@ordo/api';
import type { GraphqlSettings } from '../auth/graphql-config';

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** Injection token of the validated OrdoConfig. */
export const ORDO_CONFIG = Symbol('ORDO_CONFIG');

/** Size limits, in bytes. */
export interface OrdoLimits {
  /** Largest HTTP request body (GraphQL and webhooks); larger requests get 413. */
  readonly requestBodyBytes: number;
  readonly definitionBytes: number;
  readonly inputBytes: number;
  readonly outputBytes: number;
}

/** The server's configuration after merging defaults, `ordo.config.yaml` and the environment. */
export interface OrdoConfig {
  /** The configuration file that was read, if any. */
  readonly configFile?: string;
  /** Absolute data directory (SQLite files, the persisted token secret). */
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly roles: readonly OrdoRole[];
  /** `acs:fc…` / `action:…` → `http(s)://…` or `local:NAME`; `acs:mns…` → `kafka:TOPIC`. */
  readonly resources: Readonly<Record<string, string>>;
  /** Absolute paths of modules exporting `local:` handlers (an object of functions). */
  readonly handlerModules: readonly string[];
  /** Deploy the example flows (and load their handlers) at start-up. */
  readonly examples: { readonly deploy: boolean; readonly dir: string };
  readonly limits: OrdoLimits;
  readonly sqliteSynchronous: SqliteSynchronous;
  /** From `ORDO_TOKEN_SECRET`; when absent the server generates and persists one under dataDir. */
  readonly tokenSecret?: string;
  readonly logLevel: LogLevel;
  /** Whether history shows real task tokens in place of the placeholder (default: only on loopback). */
  readonly showTaskTokensInHistory: boolean;
  /** Kafka triggers and schedules from the configuration file (the `triggers` role runs them). */
  readonly triggers?: TriggersConfig;
  /** How long a graceful shutdown waits for in-flight requests before closing the store. */
  readonly shutdownTimeoutMs: number;
  /** API keys, JWT verification and the metrics token (docs/security.md). */
  readonly auth: AuthSettings;
  /** Introspection, the in-browser IDE and query limits. */
  readonly graphql: GraphqlSettings;
}
