-- When each customer's returns-window workflow was last told to recalculate, so that the API
-- signals it only when that moment changes.
CREATE TABLE returns_window_schedule (
  customer_id text PRIMARY KEY REFERENCES customers (id),
  next_at     timestamptz NOT NULL
);
