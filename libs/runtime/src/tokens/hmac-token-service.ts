import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { TokenService } from '../ports/token-service';
import { RuntimeError } from '../errors';

const MIN_SECRET_BYTES = 32;

/**
 * Tokens derived from the task id: `base64url(taskId) + '.' + base64url(HMAC-SHA256(secret, taskId))`.
 * Nothing secret is stored: a token can be re-derived for re-dispatch and checked without a lookup
 * table, and without the secret it cannot be forged (docs/decisions/0101-task-tokens.md).
 */
export class HmacTokenService implements TokenService {
  private readonly secret: Buffer;

  constructor(secret: Buffer | string) {
    this.secret = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
    if (this.secret.length < MIN_SECRET_BYTES) {
      throw new RuntimeError('RUNTIME.INVALID_CONFIG',
        `The task-token secret must be at least ${MIN_SECRET_BYTES} bytes long, got ${this.secret.length}.`);
    }
  }

  /** A service with a fresh random secret (tokens do not survive a restart: tests and one-shot runs). */
  static withRandomSecret(): HmacTokenService {
    return new HmacTokenService(randomBytes(MIN_SECRET_BYTES));
  }

  issue(taskId: string): string {
    return `${Buffer.from(taskId, 'utf8').toString('base64url')}.${this.sign(taskId).toString('base64url')}`;
  }

  verify(token: string): string | undefined {
    if (typeof token !== 'string') return undefined;
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.')) return undefined;
    const taskId = Buffer.from(token.slice(0, dot), 'base64url').toString('utf8');
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.sign(taskId);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return taskId;
  }

  private sign(taskId: string): Buffer {
    return createHmac('sha256', this.secret).update(taskId, 'utf8').digest();
  }
}
