import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory and the database path inside it; `remove` deletes both. */
export function tempDatabase(): { dir: string; path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-sqlite-store-'));
  return { dir, path: join(dir, 'events.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
