-- The run log: one row per run, its stage timings and its structured events.
-- Names are unqualified so the tables land in the first schema on the
-- search_path (tests give each suite its own schema through PGOPTIONS).

CREATE TABLE runs (
  run_id text PRIMARY KEY,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  status text NOT NULL DEFAULT 'running'
    CHECK (status IN ('running', 'succeeded', 'failed')),
  args jsonb NOT NULL,
  seed text NOT NULL,
  config_name text NOT NULL,
  config_hash text NOT NULL,
  total_rows bigint CHECK (total_rows >= 0),
  total_bytes bigint CHECK (total_bytes >= 0),
  error_code text,
  error_message text,
  -- A run has a finish time exactly when it is no longer running, and an
  -- error only when it failed; the run log relies on both to list runs.
  CHECK ((status = 'running') = (finished_at IS NULL)),
  CHECK (status = 'failed' OR (error_code IS NULL AND error_message IS NULL))
);

-- `fleetmocker runs` lists the most recent runs first.
CREATE INDEX runs_started_at_idx ON runs (started_at DESC, run_id DESC);

CREATE TABLE run_stages (
  id bigserial PRIMARY KEY,
  run_id text NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  stage text NOT NULL,
  started_at timestamptz NOT NULL,
  duration_ms double precision NOT NULL CHECK (duration_ms >= 0),
  rows bigint NOT NULL CHECK (rows >= 0),
  bytes bigint NOT NULL CHECK (bytes >= 0)
);

CREATE INDEX run_stages_run_id_idx ON run_stages (run_id, started_at);

CREATE TABLE run_events (
  id bigserial PRIMARY KEY,
  run_id text NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  time timestamptz NOT NULL,
  level text NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
  stage text,
  message text NOT NULL,
  data jsonb
);

CREATE INDEX run_events_run_id_idx ON run_events (run_id, id);
