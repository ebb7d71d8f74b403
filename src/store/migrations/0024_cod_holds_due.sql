-- A COD hold placed from this release on records when it is due: the end of the minute it was held
-- in, plus the longest transit time then in force. One workflow per due minute
-- (`cod-holds-due-{minute}`, workflows/cod-holds-due.ts) releases the holds still open at that
-- moment and flags their orders for review, so a checkout no longer costs a workflow start per COD
-- order. Holds placed before carry no due moment and keep their own workflow `cod-{orderId}`.
ALTER TABLE cod_holds ADD COLUMN due_at timestamptz;
-- The due workflow's release, and the check whether a minute already has its workflow.
CREATE INDEX cod_holds_open_by_due ON cod_holds (due_at) WHERE released_at IS NULL AND due_at IS NOT NULL;
