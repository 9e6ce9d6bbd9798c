import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { credentialsRequired, isOrdoRole, type ApiKeyGrant, type AuthSettings, type JwtSettings } from '@ordo/api';
import { ConfigError } from '../config/config-error';
import type { ConfigFile } from '../config/config.schema';

/**
 * Authentication settings. Secrets come only from the environment (`ORDO_API_KEYS`,
 * `ORDO_JWT_SECRET`, `ORDO_METRICS_TOKEN`); issuer, audience and the roles claim may also come
 * from `auth.jwt` in the file. Throws ConfigError naming the variable.
 */
export function readAuthSettings(env: NodeJS.ProcessEnv, file: ConfigFile, cwd: string): AuthSettings {
  const get = (name: string): string | undefined => (env[name] === undefined || env[name]!.trim() === '' ? undefined : env[name]);
  const metricsToken = get('ORDO_METRICS_TOKEN');
  if (metricsToken !== undefined && Buffer.byteLength(metricsToken) < 16) throw new ConfigError('ORDO_METRICS_TOKEN must be at least 16 bytes long.');
  const jwt = jwtSettings(get, file, cwd);
  return { apiKeys: parseApiKeys(get('ORDO_API_KEYS')), ...(jwt ? { jwt } : {}), ...(metricsToken ? { metricsToken } : {}) };
}

/** Parses `key:role,key:role`; keys must be at least 16 characters and roles known. */
export function parseApiKeys(raw: string | undefined): ApiKeyGrant[] {
  if (raw === undefined) return [];
  return raw.split(',').map((s) => s.trim()).filter((s) => s !== '').map((entry, i) => {
    const at = entry.lastIndexOf(':');
    const key = at < 0 ? '' : entry.slice(0, at);
    const role = at < 0 ? entry : entry.slice(at + 1);
    if (at < 0 || !isOrdoRole(role)) {
      throw new ConfigError(`ORDO_API_KEYS entry ${i + 1} must be "key:role" with role reader, operator, worker, admin or metrics.`);
    }
    if (key.length < 16) throw new ConfigError(`ORDO_API_KEYS entry ${i + 1} has a key shorter than 16 characters.`);
    return { key, role };
  });
}

function jwtSettings(get: (name: string) => string | undefined, file: ConfigFile, cwd: string): JwtSettings | undefined {
  const hs256Secret = get('ORDO_JWT_SECRET');
  if (hs256Secret !== undefined && Buffer.byteLength(hs256Secret) < 32) throw new ConfigError('ORDO_JWT_SECRET must be at least 32 bytes long.');
  const rs256PublicKeyPem = publicKeyPem(get('ORDO_JWT_PUBLIC_KEY'), cwd);
  if (hs256Secret === undefined && rs256PublicKeyPem === undefined) return undefined;
  const fromFile = file.auth?.jwt ?? {};
  const settings: JwtSettings = {
    hs256Secret, rs256PublicKeyPem,
    issuer: get('ORDO_JWT_ISSUER') ?? fromFile.issuer,
    audience: get('ORDO_JWT_AUDIENCE') ?? fromFile.audience,
    rolesClaim: get('ORDO_JWT_ROLES_CLAIM') ?? fromFile.rolesClaim ?? 'roles',
  };
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as unknown as JwtSettings;
}

/** `ORDO_JWT_PUBLIC_KEY` holds the PEM itself or the path of a PEM file. */
function publicKeyPem(raw: string | undefined, cwd: string): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.includes('-----BEGIN PUBLIC KEY-----')) return raw.replace(/\\n/g, '\n');
  const path = resolve(cwd, raw);
  if (!existsSync(path)) throw new ConfigError('ORDO_JWT_PUBLIC_KEY must be a PEM public key ("-----BEGIN PUBLIC KEY-----…") or the path of a file holding one.');
  const pem = readFileSync(path, 'utf8');
  if (!pem.includes('-----BEGIN PUBLIC KEY-----')) throw new ConfigError(`ORDO_JWT_PUBLIC_KEY points to ${path}, which holds no PEM public key.`);
  return pem;
}

/**
 * Secure by default: a server reachable from other machines must require credentials. Listening on
 * a non-loopback address with neither API keys nor a JWT verifier configured is refused.
 */
export function checkListenerSecurity(host: string, loopback: boolean, auth: AuthSettings): void {
  if (loopback || credentialsRequired(auth)) return;
  throw new ConfigError(
    `The server would listen on ${host}, which other machines can reach, without authentication: set ORDO_API_KEYS or ORDO_JWT_SECRET / ORDO_JWT_PUBLIC_KEY, or listen on 127.0.0.1 (ORDO_HOST) for local development.`,
  );
}
