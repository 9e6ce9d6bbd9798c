import { ApiError } from '../errors/api-error';
import { ApiKeyVerifier } from './api-key-verifier';
import { credentialsRequired, type AuthSettings } from './auth-settings';
import { JwtVerifier } from './jwt-verifier';
import { OPEN_ADMIN, type Principal } from './principal';

/**
 * Turns an `Authorization` header (or a graphql-ws `connectionParams` value) into a Principal.
 * With no API keys and no JWT verifier configured every caller is the open admin (the server only
 * allows that on loopback); otherwise a missing or unknown credential is `UNAUTHENTICATED`.
 */
export class Authenticator {
  private constructor(
    private readonly keys: ApiKeyVerifier,
    private readonly jwt: JwtVerifier | undefined,
    /** Whether credentials are required (keys or JWT configured). */
    readonly enforcing: boolean,
  ) {}

  /** Builds the verifiers (imports the RS256 key: a bad PEM fails here). */
  static async create(settings: AuthSettings): Promise<Authenticator> {
    const grants = settings.metricsToken === undefined
      ? settings.apiKeys
      : [...settings.apiKeys, { key: settings.metricsToken, role: 'metrics' as const }];
    const jwt = settings.jwt === undefined ? undefined : await JwtVerifier.create(settings.jwt);
    return new Authenticator(new ApiKeyVerifier(grants), jwt, credentialsRequired(settings));
  }

  /** The caller behind `authorization` (`Bearer <API key or JWT>`). */
  async authenticate(authorization: unknown): Promise<Principal> {
    if (!this.enforcing) return OPEN_ADMIN;
    const token = bearerToken(authorization);
    const byKey = this.keys.verify(token);
    if (byKey !== undefined) return byKey;
    if (this.jwt !== undefined && JwtVerifier.looksLikeJwt(token)) return this.jwt.verify(token);
    throw new ApiError('UNAUTHENTICATED', 'The bearer token is not a known API key or a valid JWT.');
  }
}

/** The token of a `Bearer` credential; `UNAUTHENTICATED` naming what is missing otherwise. */
export function bearerToken(authorization: unknown): string {
  if (authorization === undefined || authorization === null || authorization === '') {
    throw new ApiError('UNAUTHENTICATED', 'The request has no Authorization header; send "Authorization: Bearer <API key or JWT>".');
  }
  const match = typeof authorization === 'string' ? /^Bearer[ ]+(\S+)\s*$/i.exec(authorization) : null;
  if (match === null) throw new ApiError('UNAUTHENTICATED', 'The Authorization header must have the form "Bearer <API key or JWT>".');
  return match[1];
}
