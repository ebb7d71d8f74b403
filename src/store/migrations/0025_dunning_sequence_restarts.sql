-- An invoice may have several reminder sequences, one after the other (issue 12 point 9): a profile
-- change ends the running one (profile-changed) and starts the new profile's scenario for what is
-- still owed. Sequences are numbered per invoice; the latest is the invoice's current one. The first
-- keeps the workflow id `dunning-{invoiceId}`, so that running workflows and their histories stay
-- valid; later ones are `dunning-{invoiceId}~{n}` (`~` is no character of an invoice id, so no id of
-- one invoice's sequence is the id of another's). The workflow id is derived here, as in
-- src/temporal/workflow-client.ts dunningWorkflowId, and the activities find their sequence by it.
ALTER TABLE dunning_sequences ADD COLUMN sequence_no integer NOT NULL DEFAULT 1 CHECK (sequence_no >= 1);
ALTER TABLE dunning_sequences ADD COLUMN workflow_id text NOT NULL GENERATED ALWAYS AS (
  CASE WHEN sequence_no = 1 THEN 'dunning-' || invoice_id ELSE 'dunning-' || invoice_id || '~' || sequence_no::text END
) STORED;
-- What started it: the invoice (the customer's profile when it came in), or a profile change.
ALTER TABLE dunning_sequences ADD COLUMN started_on text NOT NULL DEFAULT 'invoice-created'
  CHECK (started_on IN ('invoice-created', 'profile-changed'));
ALTER TABLE dunning_sequences DROP CONSTRAINT dunning_sequences_pkey;
ALTER TABLE dunning_sequences ADD PRIMARY KEY (invoice_id, sequence_no);
CREATE UNIQUE INDEX dunning_sequences_by_workflow ON dunning_sequences (workflow_id);
-- A profile change looks up the customer's sequences that have not ended.
CREATE INDEX IF NOT EXISTS dunning_sequences_open_by_customer ON dunning_sequences (customer_id) WHERE state <> 'ended';

-- Each sequence runs each of its steps at most once (two sequences of an invoice may share step ids).
ALTER TABLE dunning_step_runs ADD COLUMN sequence_no integer NOT NULL DEFAULT 1;
ALTER TABLE dunning_step_runs DROP CONSTRAINT dunning_step_runs_pkey;
ALTER TABLE dunning_step_runs ADD PRIMARY KEY (invoice_id, sequence_no, step_id);
