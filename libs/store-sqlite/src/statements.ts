import type Database from 'better-sqlite3';

/** A stored row as SQLite returns it. */
export interface EventRow {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
}

const COLUMNS = 'position, stream_id, revision, type, data, metadata, recorded_at';

/** The most rows one INSERT statement carries; longer appends use several statements. */
export const MAX_ROWS_PER_INSERT = 16;

/** INSERT statements for 1..MAX_ROWS_PER_INSERT rows, prepared on first use (one round trip per append). */
function multiRowInsert(db: Database.Database): (rows: number) => Database.Statement {
  const prepared: Database.Statement[] = [];
  return (rows) => {
    prepared[rows] ??= db.prepare(
      `INSERT INTO events (stream_id, revision, type, data, metadata, recorded_at) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`);
    return prepared[rows];
  };
}

/** Every statement the store runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    insertRows: multiRowInsert(db),
    lastRevision: db.prepare('SELECT MAX(revision) FROM events WHERE stream_id = ?').pluck(),
    head: db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
    streamForwards: db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`),
    streamBackwards: db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`),
    feed: db.prepare<[number, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`),
    feedWithPrefix: db.prepare<[number, number, string, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? AND instr(stream_id, ?) = 1 ORDER BY position LIMIT ?`),
  };
}

/** The prepared statements of one connection. */
export type Statements = ReturnType<typeof prepareStatements>;
