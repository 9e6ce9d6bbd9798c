import { ConfigError } from './config-error';
import { ORDO_ROLES, type OrdoRole } from './ordo-config';

/** Settings taken from environment variables; each overrides the same setting in the file. */
export interface EnvSettings {
  configFile?: string;
  dataDir?: string;
  host?: string;
  port?: number;
  roles?: OrdoRole[];
  sqliteSynchronous?: 'full' | 'normal';
  tokenSecret?: string;
  logLevel?: string;
  requestBodyBytes?: number;
  deployExamples?: boolean;
  handlerModules?: string[];
  shutdownTimeoutSeconds?: number;
  showTaskTokensInHistory?: boolean;
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** Reads and validates the `ORDO_*` variables; a bad value names the variable and what it accepts. */
export function readEnvSettings(env: NodeJS.ProcessEnv): EnvSettings {
  const get = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  return dropUndefined({
    configFile: get('ORDO_CONFIG'),
    dataDir: get('ORDO_DATA_DIR'),
    host: get('ORDO_HOST'),
    port: intVar('ORDO_PORT', get('ORDO_PORT'), 0, 65535),
    roles: rolesVar(get('ORDO_ROLES')),
    sqliteSynchronous: enumVar('ORDO_SQLITE_SYNCHRONOUS', get('ORDO_SQLITE_SYNCHRONOUS'), ['full', 'normal']) as EnvSettings['sqliteSynchronous'],
    tokenSecret: secretVar(get('ORDO_TOKEN_SECRET')),
    logLevel: enumVar('ORDO_LOG_LEVEL', get('ORDO_LOG_LEVEL'), LOG_LEVELS),
    requestBodyBytes: intVar('ORDO_MAX_BODY_BYTES', get('ORDO_MAX_BODY_BYTES'), 1024, 64 * 1024 * 1024),
    deployExamples: boolVar('ORDO_DEPLOY_EXAMPLES', get('ORDO_DEPLOY_EXAMPLES')),
    handlerModules: get('ORDO_HANDLERS')?.split(',').map((s) => s.trim()).filter((s) => s !== ''),
    showTaskTokensInHistory: boolVar('ORDO_HISTORY_SHOWS_TOKENS', get('ORDO_HISTORY_SHOWS_TOKENS')),
    shutdownTimeoutSeconds: intVar('ORDO_SHUTDOWN_TIMEOUT_SECONDS', get('ORDO_SHUTDOWN_TIMEOUT_SECONDS'), 1, 3600),
  });
}

/** Parses `ORDO_ROLES` (`all` or a comma list of api, engine, projector, relay, triggers). */
export function rolesVar(raw: string | undefined): OrdoRole[] | undefined {
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = parts.filter((p) => p !== 'all' && !(ORDO_ROLES as readonly string[]).includes(p));
  if (parts.length === 0 || bad.length > 0) {
    throw new ConfigError(`ORDO_ROLES has unknown role ${JSON.stringify(bad[0] ?? raw)}: use "all" or a comma list of ${ORDO_ROLES.join(', ')}.`);
  }
  return parts.includes('all') ? [...ORDO_ROLES] : [...new Set(parts as OrdoRole[])];
}

function intVar(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}.`);
  }
  return n;
}

function enumVar(name: string, raw: string | undefined, allowed: string[]): string | undefined {
  if (raw === undefined) return undefined;
  if (!allowed.includes(raw)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}.`);
  return raw;
}

function boolVar(name: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}.`);
}

function secretVar(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (Buffer.byteLength(raw, 'utf8') < 32) throw new ConfigError('ORDO_TOKEN_SECRET must be at least 32 bytes long.');
  return raw;
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
