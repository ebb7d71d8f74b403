-- Each obfuscation of a customer (seed 003): who asked, why and when, which fields it replaced and
-- how many related records it replaced or removed — names and counts, never a value, old or fake.
-- No foreign key: like an erasure certificate, the record outlives a deleted customer.
CREATE TABLE customer_obfuscations (
  id               text PRIMARY KEY,
  customer_id      text        NOT NULL,
  requested_by     text        NOT NULL,
  reason           text        NOT NULL,
  obfuscated_at    timestamptz NOT NULL DEFAULT now(),
  replaced_fields  jsonb       NOT NULL,
  replaced_records jsonb       NOT NULL
);
CREATE INDEX customer_obfuscations_by_customer ON customer_obfuscations (customer_id, obfuscated_at);
