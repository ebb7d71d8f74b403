-- Each erasure request as the API accepted it, committed before its workflow starts: a repeated
-- request (after Temporal was unreachable) starts the same request again, and the customer row
-- names the request it is pending for, so an erasure acts only on the record it was asked for.
CREATE TABLE erasure_requests (
  request_id   text PRIMARY KEY,
  customer_id  text        NOT NULL,
  requested_by text        NOT NULL,
  reason       text        NOT NULL,
  requested_at timestamptz NOT NULL,
  erase_at     timestamptz NOT NULL,
  -- Set when the request ends: cancelled or erased.
  closed_at    timestamptz,
  outcome      text CHECK (outcome IN ('cancelled', 'erased'))
);
CREATE INDEX erasure_requests_by_customer ON erasure_requests (customer_id);
ALTER TABLE customers ADD COLUMN erasure_request_id text;
