-- Typed customer attributes (validated against rules/attributes.yaml on write) and their history.
ALTER TABLE customers ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}';
CREATE TABLE attribute_changes (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id text        NOT NULL REFERENCES customers (id),
  attribute   text        NOT NULL,
  old_value   jsonb,
  new_value   jsonb,
  changed_by  text        NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attribute_changes_by_customer ON attribute_changes (customer_id, id);

-- Events the calling systems record. Derived facts are computed from these rows, never kept as counters.
CREATE TABLE orders (
  id             text PRIMARY KEY,
  customer_id    text          NOT NULL REFERENCES customers (id),
  value          numeric(14, 2) NOT NULL CHECK (value >= 0),
  currency       text          NOT NULL,
  channel        text          NOT NULL CHECK (channel IN ('pos', 'storefront')),
  payment_method text          NOT NULL,
  items          integer       NOT NULL CHECK (items > 0),
  status         text          NOT NULL DEFAULT 'placed'
                 CHECK (status IN ('placed', 'delivered', 'cancelled', 'returned-to-origin', 'returned')),
  placed_at      timestamptz   NOT NULL,
  request        jsonb         NOT NULL
);
CREATE INDEX orders_by_customer ON orders (customer_id, placed_at);

CREATE TABLE order_events (
  id        text PRIMARY KEY,
  order_id  text        NOT NULL REFERENCES orders (id),
  kind      text        NOT NULL CHECK (kind IN ('delivered', 'cancelled', 'returned-to-origin', 'returned')),
  at        timestamptz NOT NULL
);

CREATE TABLE returns (
  id          text PRIMARY KEY,
  customer_id text        NOT NULL REFERENCES customers (id),
  order_id    text,
  items       integer     NOT NULL CHECK (items > 0),
  returned_at timestamptz NOT NULL,
  request     jsonb       NOT NULL,
  -- The recalculation the return triggered, so that a repeated request answers the same.
  decision_id text
);
CREATE INDEX returns_by_customer ON returns (customer_id, returned_at);

CREATE TABLE invoices (
  id          text PRIMARY KEY,
  customer_id text           NOT NULL REFERENCES customers (id),
  amount      numeric(14, 2) NOT NULL CHECK (amount >= 0),
  currency    text           NOT NULL,
  due_date    date           NOT NULL,
  issued_at   timestamptz    NOT NULL,
  request     jsonb          NOT NULL
);
CREATE INDEX invoices_by_customer ON invoices (customer_id);

CREATE TABLE payments (
  id         text PRIMARY KEY,
  invoice_id text           NOT NULL REFERENCES invoices (id),
  amount     numeric(14, 2) NOT NULL CHECK (amount > 0),
  paid_at    timestamptz    NOT NULL,
  request    jsonb          NOT NULL
);
CREATE INDEX payments_by_invoice ON payments (invoice_id);

-- Decisions of the rules, kept for the timeline and for explaining a profile later.
CREATE TABLE decision_records (
  id               text PRIMARY KEY,
  customer_id      text        NOT NULL REFERENCES customers (id),
  rule_set_version text        NOT NULL,
  trigger          text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  record           jsonb       NOT NULL
);
CREATE INDEX decision_records_by_customer ON decision_records (customer_id, created_at);

-- The profile a customer holds in each set (at most one per set).
CREATE TABLE customer_profiles (
  customer_id text        NOT NULL REFERENCES customers (id),
  set_id      text        NOT NULL,
  profile_id  text        NOT NULL,
  assigned_at timestamptz NOT NULL DEFAULT now(),
  assigned_by text        NOT NULL,
  decision_id text REFERENCES decision_records (id),
  PRIMARY KEY (customer_id, set_id)
);
CREATE INDEX customer_profiles_by_profile ON customer_profiles (set_id, profile_id);

-- Members of static groups (imported); conditional groups are computed, never stored.
CREATE TABLE static_group_members (
  group_id    text        NOT NULL,
  customer_id text        NOT NULL REFERENCES customers (id),
  added_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, customer_id)
);
CREATE INDEX static_group_members_by_customer ON static_group_members (customer_id);
