-- Cash-on-delivery holds (seed 002): a COD order holds its value against the customer's limit
-- until it is delivered, cancelled or returned to origin, or stays in transit too long.
CREATE TABLE cod_holds (
  order_id       text PRIMARY KEY REFERENCES orders (id),
  customer_id    text           NOT NULL REFERENCES customers (id),
  amount         numeric(14, 2) NOT NULL,
  held_at        timestamptz    NOT NULL DEFAULT now(),
  released_at    timestamptz,
  release_reason text CHECK (release_reason IN ('delivered', 'cancelled', 'returned-to-origin', 'transit-time-exceeded'))
);
CREATE INDEX cod_holds_open_by_customer ON cod_holds (customer_id) WHERE released_at IS NULL;
ALTER TABLE orders ADD COLUMN flagged_for_review boolean NOT NULL DEFAULT false;
