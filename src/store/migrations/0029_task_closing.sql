-- Tasks are closed (issue 12): by a person who did them (done, with who and an optional outcome),
-- or by the system when they no longer apply (cancelled: the invoice was paid in full, or reminders
-- started for an invoice that was left to manual handling), with the reason. Lists page by
-- (created_at, id).
ALTER TABLE tasks DROP CONSTRAINT tasks_status_check;
ALTER TABLE tasks ADD CONSTRAINT tasks_status_check CHECK (status IN ('open', 'done', 'cancelled'));
ALTER TABLE tasks ADD COLUMN closed_at timestamptz;
ALTER TABLE tasks ADD COLUMN closed_by text;
ALTER TABLE tasks ADD COLUMN close_reason text;
ALTER TABLE tasks ADD COLUMN outcome text;
CREATE INDEX tasks_by_invoice ON tasks (invoice_id) WHERE status = 'open';
CREATE INDEX tasks_by_status_created ON tasks (status, created_at, id);
