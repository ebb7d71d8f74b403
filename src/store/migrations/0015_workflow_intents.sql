-- The transactional outbox to Temporal: a write that must start or signal a workflow records that
-- intent in the same transaction as the business change; the relay (src/temporal/intent-relay.ts)
-- delivers it afterwards, at least once, in order per workflow id. Delivery is idempotent because
-- the workflow id is the business id. Claims, backoff and the dead state work as in
-- notification_outbox: claim_token + claimed_until (a crashed relay's claims lapse), next_attempt_at
-- (exponential backoff with jitter), dead_at (given up after the horizon; kept and listed).
CREATE TABLE workflow_intents (
  id              bigserial PRIMARY KEY,
  workflow_id     text        NOT NULL,
  workflow_type   text        NOT NULL,
  -- start: start the workflow; signal-with-start: signal it, starting it first when none runs;
  -- signal: signal it if it runs (nothing to do otherwise).
  action          text        NOT NULL CHECK (action IN ('start', 'signal-with-start', 'signal')),
  -- once | again-after-close | fresh (src/temporal/workflow-client.ts, StartPolicy).
  policy          text,
  args            jsonb       NOT NULL DEFAULT '[]',
  memo            jsonb,
  signal_name     text,
  signal_args     jsonb       NOT NULL DEFAULT '[]',
  -- Intents of one workflow with the same coalesce key are delivered once, with the newest arguments
  -- (one returns-window reschedule per customer, not one per return).
  coalesce_key    text,
  queued_at       timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  attempts        integer     NOT NULL DEFAULT 0,
  last_error      text,
  claimed_until   timestamptz,
  claim_token     text,
  delivered_at    timestamptz,
  dead_at         timestamptz
);
-- The relay's claim: undelivered intents, oldest first, per workflow id.
CREATE INDEX workflow_intents_pending ON workflow_intents (workflow_id, id) WHERE delivered_at IS NULL AND dead_at IS NULL;
CREATE INDEX workflow_intents_due ON workflow_intents (next_attempt_at, id) WHERE delivered_at IS NULL AND dead_at IS NULL;
-- Delivered intents are kept a while for inspection, then purged by the relay.
CREATE INDEX workflow_intents_delivered ON workflow_intents (delivered_at) WHERE delivered_at IS NOT NULL;

-- The returns window a schedule was worked out under: a return that cannot move the moment skips
-- the reschedule (src/use-cases/returns-window-process.ts), but only while the window is the same.
ALTER TABLE returns_window_schedule ADD COLUMN returns_window text;
