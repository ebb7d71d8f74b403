-- How many related records an erasure deleted or scrubbed, by kind (no personal data).
ALTER TABLE erasure_certificates ADD COLUMN erased_records jsonb NOT NULL DEFAULT '{}';
