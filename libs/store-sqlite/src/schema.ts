import type Database from 'better-sqlite3';

/** How hard a commit waits for the disk: `full` (default) survives power loss; the others trade that for speed. */
export type SqliteDurability = 'full' | 'normal' | 'off';

const SYNCHRONOUS: Record<SqliteDurability, string> = { full: 'FULL', normal: 'NORMAL', off: 'OFF' };

/**
 * One global order (`position`), one row per event, unique (stream, revision). AUTOINCREMENT keeps
 * positions from ever being reused, even after the newest events are deleted by hand.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);`;

/** SQLite's page cache per connection when not configured (MB); the OS page cache holds the rest of the file. */
export const DEFAULT_PAGE_CACHE_MB = 32;

/** Applies the connection settings (WAL, durability, busy timeout, page cache) and creates the schema. */
export function prepareDatabase(
  db: Database.Database, durability: SqliteDurability, busyTimeoutMs: number, pageCacheMb = DEFAULT_PAGE_CACHE_MB,
): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${SYNCHRONOUS[durability]}`);
  db.pragma(`cache_size = -${Math.max(1, Math.floor(pageCacheMb)) * 1024}`);
  db.exec(SCHEMA);
}
