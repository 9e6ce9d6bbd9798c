import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyGrant } from './auth-settings';
import type { Principal } from './principal';
import type { OrdoRole } from './roles.decorator';

interface HashedGrant {
  readonly digest: Buffer;
  readonly role: OrdoRole;
  readonly fingerprint: string;
}

/**
 * Recognises API keys in constant time: the presented key and every configured key are compared
 * as SHA-256 digests (equal length), and every grant is compared, so timing reveals neither which
 * key matched nor how much of it. Keys are kept only as digests and never appear in principals.
 */
export class ApiKeyVerifier {
  private readonly grants: readonly HashedGrant[];

  constructor(grants: readonly ApiKeyGrant[]) {
    this.grants = grants.map((g) => {
      const digest = sha256(g.key);
      return { digest, role: g.role, fingerprint: digest.subarray(0, 4).toString('hex') };
    });
  }

  /** The principal of `key` (all roles granted to it), or undefined when no grant matches. */
  verify(key: string): Principal | undefined {
    const presented = sha256(key);
    const roles: OrdoRole[] = [];
    let fingerprint = '';
    for (const grant of this.grants) {
      if (timingSafeEqual(presented, grant.digest)) {
        roles.push(grant.role);
        fingerprint = grant.fingerprint;
      }
    }
    return roles.length === 0 ? undefined : { subject: `api-key:${fingerprint}`, roles: [...new Set(roles)], method: 'api-key' };
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
