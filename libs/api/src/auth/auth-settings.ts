import type { OrdoRole } from './roles.decorator';

/** One API key and the role it grants (`ORDO_API_KEYS="key:role,…"`). */
export interface ApiKeyGrant {
  readonly key: string;
  readonly role: OrdoRole;
}

/** JWT verification: HS256 with a shared secret and/or RS256 with a PEM public key. */
export interface JwtSettings {
  /** HS256 secret (`ORDO_JWT_SECRET`, at least 32 bytes). */
  readonly hs256Secret?: string;
  /** RS256 public key, PEM SPKI (`ORDO_JWT_PUBLIC_KEY`). */
  readonly rs256PublicKeyPem?: string;
  /** Required `iss`, when set. */
  readonly issuer?: string;
  /** Required `aud`, when set. */
  readonly audience?: string;
  /** Claim holding the roles (array or space/comma separated string); dots walk nested objects. */
  readonly rolesClaim: string;
}

/** Everything the authenticator needs; nothing configured means every caller is an open admin. */
export interface AuthSettings {
  readonly apiKeys: readonly ApiKeyGrant[];
  readonly jwt?: JwtSettings;
  /** A bearer token that may only scrape `/metrics` (`ORDO_METRICS_TOKEN`): an API key with role `metrics`. */
  readonly metricsToken?: string;
}

/** Injection token of the Authenticator. */
export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

/** True when callers must present credentials (API keys or a JWT verifier are configured). */
export function credentialsRequired(settings: AuthSettings): boolean {
  return settings.apiKeys.length > 0 || settings.jwt !== undefined;
}
