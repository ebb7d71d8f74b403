-- A COD hold placed from this release on records when it is due: the end of the minute it was held
-- in, plus the longest transit time then in force. One workflow per due moment
-- (`cod-holds-due-{taskQueue}-{minute}`, workflows/cod-holds-due.ts) releases the holds still open
-- then and flags their orders for review, so a checkout no longer costs a workflow start per COD
-- order. Holds placed before carry no due moment and keep their own workflow `cod-{orderId}`.
ALTER TABLE cod_holds ADD COLUMN due_at timestamptz;
-- The due workflow's release: open holds by due moment.
CREATE INDEX cod_holds_open_by_due ON cod_holds (due_at) WHERE released_at IS NULL AND due_at IS NOT NULL;

-- The due moments whose workflow's start was queued: the first hold of a moment inserts its row
-- (a concurrent first waits for it, then finds it) and queues the start in the same transaction.
-- An existence check on cod_holds.due_at instead cannot be planned well: a minute's holds all share
-- one value, clustered at the end of the table. The workflow removes its row when it has released.
CREATE TABLE cod_hold_moments (
  due_at    timestamptz PRIMARY KEY,
  queued_at timestamptz NOT NULL DEFAULT now()
);
