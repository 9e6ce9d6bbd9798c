import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModelContract } from '@ordo/testing';
import { SqliteReadModelStore } from '@ordo/read-models';

readModelContract('SqliteReadModelStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-read-models-'));
  const filename = join(dir, 'views.db');
  return {
    open: async () => new SqliteReadModelStore({ filename }),
    destroy: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
