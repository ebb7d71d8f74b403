-- Several workers deliver the outbox: a worker claims the rows it sends until claimed_until (a
-- crashed worker's claims lapse and are taken over); a failed send waits until next_attempt_at
-- (backoff with jitter); a message that cannot be sent within the horizon is dead (dead_at).
ALTER TABLE notification_outbox
  ADD COLUMN claimed_until   timestamptz,
  ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN dead_at         timestamptz;
DROP INDEX notification_outbox_unsent;
CREATE INDEX notification_outbox_due ON notification_outbox (channel, next_attempt_at) WHERE sent_at IS NULL AND dead_at IS NULL;
