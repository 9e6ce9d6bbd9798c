/**
 * The PostgreSQL schema of the views (inside the store's own schema). Text keys use the "C"
 * collation so ISO times sort as time, prefix ranges use the indices and order matches SQLite.
 */
export const POSTGRES_SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_checkpoint (
  id integer PRIMARY KEY CHECK (id = 1),
  position bigint NOT NULL
);
INSERT INTO projection_checkpoint (id, position) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

CREATE TABLE IF NOT EXISTS executions (
  execution_id text COLLATE "C" PRIMARY KEY,
  flow_name text COLLATE "C" NOT NULL,
  flow_version integer NOT NULL,
  execution_name text COLLATE "C" NOT NULL,
  status text COLLATE "C" NOT NULL,
  input jsonb NOT NULL,
  output jsonb,
  error text,
  cause text,
  started_at text COLLATE "C" NOT NULL,
  stopped_at text COLLATE "C",
  deadline_at text COLLATE "C",
  parent_execution_id text COLLATE "C",
  trigger_kind text COLLATE "C" NOT NULL,
  trigger_source text,
  last_revision bigint NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS executions_by_name ON executions (flow_name, execution_name);
CREATE INDEX IF NOT EXISTS executions_newest ON executions (started_at, execution_id);
CREATE INDEX IF NOT EXISTS executions_by_flow ON executions (flow_name, started_at, execution_id);
CREATE INDEX IF NOT EXISTS executions_by_flow_status ON executions (flow_name, status, started_at, execution_id);
CREATE INDEX IF NOT EXISTS executions_by_status ON executions (status, started_at, execution_id);
CREATE INDEX IF NOT EXISTS executions_by_trigger ON executions (trigger_kind, started_at, execution_id);
CREATE INDEX IF NOT EXISTS executions_by_parent ON executions (parent_execution_id) WHERE parent_execution_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS execution_events (
  execution_id text COLLATE "C" NOT NULL,
  event_id bigint NOT NULL,
  type text COLLATE "C" NOT NULL,
  time text COLLATE "C" NOT NULL,
  step_name text NOT NULL,
  path text COLLATE "C" NOT NULL,
  attempt integer,
  detail jsonb NOT NULL,
  PRIMARY KEY (execution_id, event_id)
);
CREATE INDEX IF NOT EXISTS execution_events_by_path ON execution_events (execution_id, path, event_id);

CREATE TABLE IF NOT EXISTS step_runs (
  execution_id text COLLATE "C" NOT NULL,
  run_id bigint NOT NULL,
  path text COLLATE "C" NOT NULL,
  step_name text NOT NULL,
  step_type text NOT NULL,
  attempt integer NOT NULL,
  status text NOT NULL,
  input jsonb NOT NULL,
  output jsonb NOT NULL,
  error text,
  cause text,
  entered_at text COLLATE "C" NOT NULL,
  finished_at text COLLATE "C",
  duration_ms bigint,
  retries integer NOT NULL,
  closed boolean NOT NULL,
  PRIMARY KEY (execution_id, run_id)
);
CREATE INDEX IF NOT EXISTS step_runs_open ON step_runs (execution_id) WHERE NOT closed;

CREATE TABLE IF NOT EXISTS flow_counters (
  flow_name text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  value bigint NOT NULL,
  PRIMARY KEY (flow_name, name)
);

CREATE TABLE IF NOT EXISTS flow_durations (
  flow_name text COLLATE "C" NOT NULL,
  minute bigint NOT NULL,
  path text COLLATE "C" NOT NULL,
  bucket integer NOT NULL,
  step_name text NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (flow_name, minute, path, bucket)
);
`;

/** Tables `reset` empties. */
export const POSTGRES_VIEW_TABLES = ['executions', 'execution_events', 'step_runs', 'flow_counters', 'flow_durations'] as const;
