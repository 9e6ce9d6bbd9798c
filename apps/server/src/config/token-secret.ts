import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error';

/** File under the data directory holding the generated token secret (mode 0600). */
export const TOKEN_SECRET_FILE = 'token-secret';

/**
 * The secret that signs task tokens: `ORDO_TOKEN_SECRET` when set, else the one persisted under
 * the data directory, else 32 fresh random bytes written there once (mode 0600, never logged).
 */
export function resolveTokenSecret(configured: string | undefined, dataDir: string): string {
  if (configured !== undefined) return configured;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, TOKEN_SECRET_FILE);
  try {
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new ConfigError(`Cannot create the token secret file ${file}: ${(e as Error).message}`);
  }
  return readExisting(file);
}

function readExisting(file: string): string {
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new ConfigError(`The token secret file ${file} holds fewer than 32 characters; delete it to generate a new one.`);
  return secret;
}
