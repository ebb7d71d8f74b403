-- Payment reminder sequences (seed 001): one per invoice, with its steps pinned when it starts.
CREATE TABLE dunning_sequences (
  invoice_id       text PRIMARY KEY REFERENCES invoices (id),
  customer_id      text        NOT NULL REFERENCES customers (id),
  scenario_id      text        NOT NULL,
  profile_id       text        NOT NULL,
  rule_set_version text        NOT NULL,
  steps            jsonb       NOT NULL,
  state            text        NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'paused', 'ended')),
  end_reason       text,
  started_at       timestamptz NOT NULL DEFAULT now(),
  ended_at         timestamptz
);

-- What each step did; the primary key makes a step run at most once, whatever crashes.
CREATE TABLE dunning_step_runs (
  invoice_id text        NOT NULL REFERENCES invoices (id),
  step_id    text        NOT NULL,
  outcome    text        NOT NULL CHECK (outcome IN ('done', 'skipped')),
  detail     text,
  ran_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (invoice_id, step_id)
);

-- Messages to send (email, SMS), delivered by a sender outside the transaction that queued them.
CREATE TABLE notification_outbox (
  id          text PRIMARY KEY,
  customer_id text        NOT NULL REFERENCES customers (id),
  channel     text        NOT NULL CHECK (channel IN ('email', 'sms')),
  template    text        NOT NULL,
  invoice_id  text,
  queued_at   timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz,
  attempts    integer     NOT NULL DEFAULT 0,
  last_error  text
);
CREATE INDEX notification_outbox_unsent ON notification_outbox (queued_at) WHERE sent_at IS NULL;

-- Work for people: calls, formal notices, letters, and customers to handle by hand.
CREATE TABLE tasks (
  id          text PRIMARY KEY,
  kind        text        NOT NULL CHECK (kind IN ('call', 'formal-notice', 'letter', 'manual-handling')),
  customer_id text        NOT NULL REFERENCES customers (id),
  invoice_id  text,
  scenario_id text,
  profile_id  text,
  template    text,
  status      text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_open ON tasks (status, kind);
