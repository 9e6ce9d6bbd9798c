import { decodeProtectedHeader, importSPKI, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';
import { ApiError } from '../errors/api-error';
import type { JwtSettings } from './auth-settings';
import type { Principal } from './principal';
import { isOrdoRole } from './role-policy';
import type { OrdoRole } from './roles.decorator';

/** Verifies HS256 / RS256 JWTs (signature, `exp`/`nbf`, optional `iss`/`aud`) and maps the roles claim. */
export class JwtVerifier {
  private constructor(
    private readonly settings: JwtSettings,
    private readonly hsKey: Uint8Array | undefined,
    private readonly rsKey: CryptoKey | undefined,
  ) {}

  /** Imports the configured keys; a malformed PEM fails here, at start-up. */
  static async create(settings: JwtSettings): Promise<JwtVerifier> {
    const hsKey = settings.hs256Secret === undefined ? undefined : new TextEncoder().encode(settings.hs256Secret);
    const rsKey = settings.rs256PublicKeyPem === undefined ? undefined : await importSPKI(settings.rs256PublicKeyPem, 'RS256');
    return new JwtVerifier(settings, hsKey, rsKey);
  }

  /** True when `token` has the shape of a compact JWS (three base64url parts). */
  static looksLikeJwt(token: string): boolean {
    return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);
  }

  /** The principal the token proves; `UNAUTHENTICATED` naming the reason (never the token) otherwise. */
  async verify(token: string): Promise<Principal> {
    const key = this.keyFor(token);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key.value, {
        algorithms: [key.alg], issuer: this.settings.issuer, audience: this.settings.audience,
      }));
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      throw new ApiError('UNAUTHENTICATED', `The bearer JWT was rejected (${typeof code === 'string' ? code : 'invalid token'}).`);
    }
    return { subject: `jwt:${payload.sub ?? 'unknown'}`, roles: rolesOf(payload, this.settings.rolesClaim), method: 'jwt' };
  }

  private keyFor(token: string): { alg: 'HS256' | 'RS256'; value: Uint8Array | CryptoKey } {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new ApiError('UNAUTHENTICATED', 'The bearer token is neither a known API key nor a decodable JWT.');
    }
    if (alg === 'HS256' && this.hsKey !== undefined) return { alg, value: this.hsKey };
    if (alg === 'RS256' && this.rsKey !== undefined) return { alg, value: this.rsKey };
    throw new ApiError('UNAUTHENTICATED', `The bearer JWT uses algorithm ${JSON.stringify(alg)}, which this server does not accept.`);
  }
}

/** Reads the roles claim (a dotted path) as an array or a space/comma separated string; unknown roles are dropped. */
export function rolesOf(payload: JWTPayload, claim: string): OrdoRole[] {
  let value: unknown = payload;
  for (const part of claim.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return [...new Set(list.filter(isOrdoRole))];
}
