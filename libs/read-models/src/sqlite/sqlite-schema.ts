/**
 * The SQLite schema of the views. Times are canonical ISO-8601 text (which sorts as time), JSON is
 * text. The executions indices serve every filter of `listExecutions` newest first (BENCHMARKS W6);
 * audit-trail and step-run rows are clustered by execution (WITHOUT ROWID primary keys).
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_checkpoint (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  position INTEGER NOT NULL
);
INSERT OR IGNORE INTO projection_checkpoint (id, position) VALUES (1, 0);

CREATE TABLE IF NOT EXISTS executions (
  execution_id TEXT PRIMARY KEY,
  flow_name TEXT NOT NULL,
  flow_version INTEGER NOT NULL,
  execution_name TEXT NOT NULL,
  status TEXT NOT NULL,
  input TEXT NOT NULL,
  output TEXT,
  error TEXT,
  cause TEXT,
  started_at TEXT NOT NULL,
  stopped_at TEXT,
  deadline_at TEXT,
  parent_execution_id TEXT,
  trigger_kind TEXT NOT NULL,
  trigger_source TEXT,
  last_revision INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS executions_by_name ON executions (flow_name, execution_name);
CREATE INDEX IF NOT EXISTS executions_newest ON executions (started_at, execution_id);
CREATE INDEX IF NOT EXISTS executions_by_flow ON executions (flow_name, started_at, execution_id);
CREATE INDEX IF NOT EXISTS executions_by_flow_status ON executions (flow_name, status, started_at, execution_id);
CREATE INDEX IF NOT EXISTS executions_by_status ON executions (status, started_at, execution_id);
CREATE INDEX IF NOT EXISTS executions_by_trigger ON executions (trigger_kind, started_at, execution_id);
CREATE INDEX IF NOT EXISTS executions_by_parent ON executions (parent_execution_id) WHERE parent_execution_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS execution_events (
  execution_id TEXT NOT NULL,
  event_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  time TEXT NOT NULL,
  step_name TEXT NOT NULL,
  path TEXT NOT NULL,
  attempt INTEGER,
  detail TEXT NOT NULL,
  PRIMARY KEY (execution_id, event_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS execution_events_by_path ON execution_events (execution_id, path, event_id);

CREATE TABLE IF NOT EXISTS step_runs (
  execution_id TEXT NOT NULL,
  run_id INTEGER NOT NULL,
  path TEXT NOT NULL,
  step_name TEXT NOT NULL,
  step_type TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  status TEXT NOT NULL,
  input TEXT NOT NULL,
  output TEXT NOT NULL,
  error TEXT,
  cause TEXT,
  entered_at TEXT NOT NULL,
  finished_at TEXT,
  duration_ms INTEGER,
  retries INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  PRIMARY KEY (execution_id, run_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS step_runs_open ON step_runs (execution_id) WHERE closed = 0;

CREATE TABLE IF NOT EXISTS flow_counters (
  flow_name TEXT NOT NULL,
  name TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (flow_name, name)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS flow_durations (
  flow_name TEXT NOT NULL,
  minute INTEGER NOT NULL,
  path TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  step_name TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (flow_name, minute, path, bucket)
) WITHOUT ROWID;
`;

/** Tables `reset` empties. */
export const VIEW_TABLES = ['executions', 'execution_events', 'step_runs', 'flow_counters', 'flow_durations'] as const;
