-- Idempotency-Key (issue 13, part 4): the POSTs that have no id of their own (notes, merges, imports,
-- exports, profile reassignments) keep, per token and key, a fingerprint of the request and its
-- answer for 24 hours, so that a repeat with the same key and body answers the same without doing it
-- again (src/api/idempotency.ts). A row whose answer is still NULL is a request in flight: a repeat
-- meanwhile answers 409; `locked_until` frees the key of a process that died before answering.
-- `customer_id` (the customer of the path) lets an erasure or an obfuscation delete the answers that
-- hold the customer's personal data (a note's text, a merged customer) at once.
CREATE TABLE api_idempotency_keys (
  caller          text        NOT NULL,
  customer_id     text,
  idempotency_key text        NOT NULL,
  fingerprint     text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  locked_until    timestamptz,
  status          integer,
  content_type    text,
  location        text,
  body            text,
  PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX api_idempotency_keys_expiry ON api_idempotency_keys (expires_at);
CREATE INDEX api_idempotency_keys_customer ON api_idempotency_keys (customer_id) WHERE customer_id IS NOT NULL;
