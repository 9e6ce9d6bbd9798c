import type { OrdoRole } from './roles.decorator';

/** How a caller proved who it is. `open`: no credentials are configured (loopback development). */
export type AuthMethod = 'api-key' | 'jwt' | 'open';

/** An authenticated caller. `subject` never contains a secret (an API key shows as a fingerprint). */
export interface Principal {
  readonly subject: string;
  readonly roles: readonly OrdoRole[];
  readonly method: AuthMethod;
}

/** The caller of every request when no API key and no JWT verifier is configured. */
export const OPEN_ADMIN: Principal = Object.freeze({ subject: 'local-development', roles: Object.freeze(['admin'] as OrdoRole[]), method: 'open' });

/** Where the HTTP layer leaves the principal on the request (read by the guard and the GraphQL context). */
export const PRINCIPAL_KEY = 'ordoPrincipal';
