-- Bulk imports (customers, static group members) and exports, run as durable jobs.
CREATE TABLE import_jobs (
  id             text PRIMARY KEY,
  target         text        NOT NULL CHECK (target IN ('customers', 'group-members')),
  group_id       text,
  mode           text        NOT NULL DEFAULT 'add' CHECK (mode IN ('add', 'replace')),
  filename       text        NOT NULL,
  format         text        NOT NULL CHECK (format IN ('csv', 'xlsx')),
  file           bytea       NOT NULL,
  requested_by   text        NOT NULL,
  status         text        NOT NULL DEFAULT 'in-process' CHECK (status IN ('in-process', 'complete', 'partial', 'failed')),
  total_rows     integer,
  processed_rows integer     NOT NULL DEFAULT 0,
  ok_rows        integer     NOT NULL DEFAULT 0,
  columns        jsonb,
  failure        text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz
);

-- Rejected rows with the reason, for the error file (original cells plus an ERROR column).
CREATE TABLE import_errors (
  job_id     text    NOT NULL REFERENCES import_jobs (id),
  row_number integer NOT NULL,
  cells      jsonb   NOT NULL,
  error      text    NOT NULL,
  PRIMARY KEY (job_id, row_number)
);

CREATE TABLE export_jobs (
  id             text PRIMARY KEY,
  format         text        NOT NULL CHECK (format IN ('csv', 'xlsx')),
  filters        jsonb       NOT NULL,
  requested_by   text        NOT NULL,
  status         text        NOT NULL DEFAULT 'in-process' CHECK (status IN ('in-process', 'complete', 'failed')),
  total_rows     integer,
  processed_rows integer     NOT NULL DEFAULT 0,
  file           bytea,
  failure        text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz
);
