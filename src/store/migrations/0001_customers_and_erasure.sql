-- Customers as the calling systems know them: the id is theirs, email and phone are unique.
CREATE TABLE customers (
  id            text PRIMARY KEY,
  email         text,
  phone         text,
  name          text,
  active        boolean     NOT NULL DEFAULT true,
  erasure_state text        NOT NULL DEFAULT 'none' CHECK (erasure_state IN ('none', 'pending', 'erased')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customers_email_unique ON customers (lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX customers_phone_unique ON customers (phone) WHERE phone IS NOT NULL;

-- What happened to a customer, in order. event_key makes retried activities write an entry once.
CREATE TABLE customer_timeline (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id text        NOT NULL REFERENCES customers (id),
  event_key   text        NOT NULL UNIQUE,
  at          timestamptz NOT NULL DEFAULT now(),
  kind        text        NOT NULL,
  detail      jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX customer_timeline_by_customer ON customer_timeline (customer_id, id);

-- Proof of an erasure that holds no personal data: which fields went, when, on whose request.
CREATE TABLE erasure_certificates (
  request_id    text PRIMARY KEY,
  customer_id   text        NOT NULL,
  requested_at  timestamptz NOT NULL,
  requested_by  text        NOT NULL,
  erased_at     timestamptz NOT NULL,
  erased_fields jsonb       NOT NULL
);
