-- One row per customer with the facts groups filter on, in typed, indexed columns, so that a group
-- count is an index scan instead of a jsonb cast and a correlated sum per customer.
--
-- Nothing in the application writes this table: triggers recompute the affected customers' rows
-- from the event tables (orders, cod_holds, invoices, payments) and from customers.attributes, in
-- the same transaction and statement as the change. No counter is ever incremented, so the table
-- cannot drift from the events.
--
-- What is not stored: facts that depend on the clock or on the settings. returns_in_window and
-- returned_percentage are counted at read time (src/store/customer-facts-sql.ts); the last
-- transaction is stored as an instant (its date depends on the settings' time zone); the COD limit
-- comes from the settings, so only the amount held is stored. Birthdays are stored as a date and
-- as an immutable month × 100 + day, which recurring date conditions compare to.
--
-- Attributes have columns when groups use them (rules/groups): the SQL falls back to
-- customers.attributes for any other attribute, and for these when rules/attributes.yaml gives
-- them another type. A new column is one more migration.
CREATE TABLE customer_facts (
  -- No foreign key: the triggers below insert the row with the customer and delete it with the
  -- customer, and a key check per row would add about a fifth to a bulk load of customers.
  customer_id               text PRIMARY KEY,
  erased                    boolean     NOT NULL DEFAULT false,
  -- Attributes, typed as in rules/attributes.yaml.
  gender                    text,
  birthdate                 date,
  birth_month_day           integer,
  city                      text,
  -- Text conditions compare case-folded (A–Z only, as foldCase in src/rules/operators.ts).
  city_folded               text GENERATED ALWAYS AS (translate(city, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')) STORED,
  premium_member            boolean,
  loyalty_tier              text,
  -- Derived from orders that went ahead (not cancelled, not returned to origin).
  total_spent               float8      NOT NULL DEFAULT 0,
  transaction_count         float8      NOT NULL DEFAULT 0,
  average_transaction_value float8,
  last_transaction_value    float8,
  last_transaction_at       timestamptz,
  -- Derived from open COD holds, invoices and their payments.
  cod_held_amount           float8      NOT NULL DEFAULT 0,
  outstanding_amount        float8      NOT NULL DEFAULT 0
);

-- Only customers not erased are ever counted: partial indexes keep erased rows out.
CREATE INDEX customer_facts_birth_month_day ON customer_facts (birth_month_day) WHERE NOT erased;
CREATE INDEX customer_facts_birthdate ON customer_facts (birthdate) WHERE NOT erased;
-- City alone, or city and amount spent (high-value customers of a city) from the index alone.
CREATE INDEX customer_facts_city_spent ON customer_facts (city_folded, total_spent) WHERE NOT erased;
CREATE INDEX customer_facts_premium_member ON customer_facts (premium_member) WHERE NOT erased;
CREATE INDEX customer_facts_loyalty_tier ON customer_facts (loyalty_tier) WHERE NOT erased;
CREATE INDEX customer_facts_total_spent ON customer_facts (total_spent) WHERE NOT erased;
CREATE INDEX customer_facts_outstanding_amount ON customer_facts (outstanding_amount) WHERE NOT erased;

-- The attribute columns of a customer, from its attributes. A value of the wrong JSON type, or a
-- date that is not a valid YYYY-MM-DD, reads as not set: writes validate them, and a bad value
-- must not make every later write of the customer fail. (Regular expressions rather than a cast
-- that could fail: 29 February only in leap years, no year 0.)
CREATE FUNCTION customer_attribute_facts(attributes jsonb)
RETURNS TABLE (gender text, birthdate date, birth_month_day integer, city text, premium_member boolean, loyalty_tier text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  -- OFFSET 0 keeps each step a subquery of its own, computed once rather than inlined at every use.
  SELECT a.gender, d.day, (extract(month FROM d.day) * 100 + extract(day FROM d.day))::int, a.city, a.premium_member, a.loyalty_tier
  FROM (
    SELECT CASE WHEN jsonb_typeof(attributes -> 'gender') = 'string' THEN attributes ->> 'gender' END AS gender,
           CASE WHEN jsonb_typeof(attributes -> 'birthdate') = 'string' THEN attributes ->> 'birthdate' END AS birthdate,
           CASE WHEN jsonb_typeof(attributes -> 'city') = 'string' THEN attributes ->> 'city' END AS city,
           CASE WHEN jsonb_typeof(attributes -> 'premium_member') = 'boolean' THEN (attributes ->> 'premium_member')::boolean END AS premium_member,
           CASE WHEN jsonb_typeof(attributes -> 'loyalty_tier') = 'string' THEN attributes ->> 'loyalty_tier' END AS loyalty_tier
    OFFSET 0) a
  CROSS JOIN LATERAL (
    SELECT CASE
      WHEN a.birthdate !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' OR left(a.birthdate, 4) = '0000' THEN NULL
      WHEN a.birthdate ~ '-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)$' THEN a.birthdate::date
      WHEN right(a.birthdate, 6) = '-02-29' AND left(a.birthdate, 4)::int % 4 = 0
           AND (left(a.birthdate, 4)::int % 100 <> 0 OR left(a.birthdate, 4)::int % 400 = 0) THEN a.birthdate::date
    END AS day
    OFFSET 0) d
$$;

-- Recomputes the event-derived facts of `ids` from the event tables. The rows are locked first and
-- the facts computed in a second statement, with a snapshot taken after the lock: two transactions
-- recording events of one customer at once take turns, and the second sees the first's events.
-- The customers' own rows are locked before their facts rows, in the order every use case locks
-- (customer first, src/store/customer-store.ts lockCustomer): an order event or a payment, which
-- locks no customer itself, would otherwise hold the facts row while a concurrent order holding
-- the customer waits for it, and then wait for the customer (deadlock).
CREATE FUNCTION customer_facts_recompute(ids text[], parts text[] DEFAULT ARRAY['orders', 'holds', 'receivables'])
RETURNS void LANGUAGE plpgsql
-- Generic plans: these statements run on every event, and with an array parameter PostgreSQL would
-- plan them anew each time, which cost more than running them (about 1.4 ms per COD order).
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  PERFORM 1 FROM customers WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  PERFORM 1 FROM customer_facts WHERE customer_id = ANY(ids) ORDER BY customer_id FOR UPDATE;
  -- Each part only when its table changed: a COD order recomputes its orders, then its hold.
  IF 'orders' = ANY(parts) THEN
    -- Grouped joins rather than a subquery per customer: one customer or 300,000 (a bulk load) alike.
    WITH x AS (SELECT DISTINCT unnest(ids) AS id),
    transactions AS (
      SELECT o.customer_id, o.id, o.value, o.placed_at FROM orders o JOIN x ON o.customer_id = x.id
       WHERE o.status NOT IN ('cancelled', 'returned-to-origin')),
    spent AS (
      SELECT customer_id, sum(value)::float8 AS total, count(*)::float8 AS count, avg(value)::float8 AS average
        FROM transactions GROUP BY customer_id),
    last AS (
      SELECT DISTINCT ON (customer_id) customer_id, value::float8 AS value, placed_at
        FROM transactions ORDER BY customer_id, placed_at DESC, id DESC),
    e AS (
      SELECT x.id, coalesce(spent.total, 0) AS total_spent, coalesce(spent.count, 0) AS transaction_count,
             spent.average AS average_transaction_value, last.value AS last_transaction_value, last.placed_at AS last_transaction_at
        FROM x LEFT JOIN spent ON spent.customer_id = x.id LEFT JOIN last ON last.customer_id = x.id)
    UPDATE customer_facts f
       SET total_spent = e.total_spent,
           transaction_count = e.transaction_count,
           average_transaction_value = e.average_transaction_value,
           last_transaction_value = e.last_transaction_value,
           last_transaction_at = e.last_transaction_at
      FROM e
     WHERE f.customer_id = e.id
       AND (f.total_spent, f.transaction_count, f.average_transaction_value, f.last_transaction_value, f.last_transaction_at)
           IS DISTINCT FROM (e.total_spent, e.transaction_count, e.average_transaction_value, e.last_transaction_value, e.last_transaction_at);
  END IF;
  IF 'holds' = ANY(parts) THEN
    WITH x AS (SELECT DISTINCT unnest(ids) AS id),
    held AS (
      SELECT h.customer_id, sum(h.amount)::float8 AS amount FROM cod_holds h JOIN x ON h.customer_id = x.id
       WHERE h.released_at IS NULL GROUP BY h.customer_id)
    UPDATE customer_facts f SET cod_held_amount = coalesce(held.amount, 0)
      FROM x LEFT JOIN held ON held.customer_id = x.id
     WHERE f.customer_id = x.id AND f.cod_held_amount IS DISTINCT FROM coalesce(held.amount, 0);
  END IF;
  IF 'receivables' = ANY(parts) THEN
    WITH x AS (SELECT DISTINCT unnest(ids) AS id),
    invoiced AS (SELECT i.customer_id, sum(i.amount) AS amount FROM invoices i JOIN x ON i.customer_id = x.id GROUP BY i.customer_id),
    paid AS (
      SELECT i.customer_id, sum(p.amount) AS amount FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN x ON i.customer_id = x.id
       GROUP BY i.customer_id),
    e AS (
      SELECT x.id, (coalesce(invoiced.amount, 0) - coalesce(paid.amount, 0))::float8 AS outstanding_amount
        FROM x LEFT JOIN invoiced ON invoiced.customer_id = x.id LEFT JOIN paid ON paid.customer_id = x.id)
    UPDATE customer_facts f SET outstanding_amount = e.outstanding_amount
      FROM e
     WHERE f.customer_id = e.id AND f.outstanding_amount IS DISTINCT FROM e.outstanding_amount;
  END IF;
END
$$;

-- customers: the attribute columns and the erased flag follow every insert and update.
CREATE FUNCTION customer_facts_from_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO customer_facts (customer_id, erased, gender, birthdate, birth_month_day, city, premium_member, loyalty_tier)
    SELECT n.id, n.erasure_state = 'erased', a.* FROM new_rows n CROSS JOIN LATERAL customer_attribute_facts(n.attributes) a
    ON CONFLICT (customer_id) DO UPDATE
      SET erased = excluded.erased, gender = excluded.gender, birthdate = excluded.birthdate, birth_month_day = excluded.birth_month_day,
          city = excluded.city, premium_member = excluded.premium_member, loyalty_tier = excluded.loyalty_tier;
  ELSE
    UPDATE customer_facts f
       SET erased = n.erasure_state = 'erased', gender = a.gender, birthdate = a.birthdate, birth_month_day = a.birth_month_day,
           city = a.city, premium_member = a.premium_member, loyalty_tier = a.loyalty_tier
      FROM new_rows n
      JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL customer_attribute_facts(n.attributes) a
     WHERE f.customer_id = n.id
       AND (n.attributes IS DISTINCT FROM o.attributes OR n.erasure_state IS DISTINCT FROM o.erasure_state);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER customer_facts_after_customer_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_customers();
CREATE TRIGGER customer_facts_after_customer_update AFTER UPDATE ON customers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_customers();

CREATE FUNCTION customer_facts_after_customers_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_facts f USING old_rows o WHERE f.customer_id = o.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER customer_facts_after_customer_delete AFTER DELETE ON customers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_after_customers_deleted();

-- orders, cod_holds, invoices: recompute the customers whose rows changed (both owners when a
-- merge moves a row). Updates that leave the facts' inputs alone (flagged_for_review) cost nothing.
CREATE FUNCTION customer_facts_from_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM customer_facts_recompute(ARRAY(SELECT DISTINCT customer_id FROM new_rows), ARRAY['orders']);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM customer_facts_recompute(ARRAY(SELECT DISTINCT customer_id FROM old_rows), ARRAY['orders']);
  ELSE
    PERFORM customer_facts_recompute(ARRAY(
      SELECT DISTINCT unnest(ARRAY[o.customer_id, n.customer_id]) FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.customer_id, n.value, n.status, n.placed_at) IS DISTINCT FROM (o.customer_id, o.value, o.status, o.placed_at)), ARRAY['orders']);
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION customer_facts_from_cod_holds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM customer_facts_recompute(ARRAY(SELECT DISTINCT customer_id FROM new_rows), ARRAY['holds']);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM customer_facts_recompute(ARRAY(SELECT DISTINCT customer_id FROM old_rows), ARRAY['holds']);
  ELSE
    PERFORM customer_facts_recompute(ARRAY(
      SELECT DISTINCT unnest(ARRAY[o.customer_id, n.customer_id]) FROM new_rows n JOIN old_rows o ON o.order_id = n.order_id
       WHERE (n.customer_id, n.amount, n.released_at IS NULL) IS DISTINCT FROM (o.customer_id, o.amount, o.released_at IS NULL)), ARRAY['holds']);
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION customer_facts_from_invoices() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM customer_facts_recompute(ARRAY(SELECT DISTINCT customer_id FROM new_rows), ARRAY['receivables']);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM customer_facts_recompute(ARRAY(SELECT DISTINCT customer_id FROM old_rows), ARRAY['receivables']);
  ELSE
    PERFORM customer_facts_recompute(ARRAY(
      SELECT DISTINCT unnest(ARRAY[o.customer_id, n.customer_id]) FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.customer_id, n.amount) IS DISTINCT FROM (o.customer_id, o.amount)), ARRAY['receivables']);
  END IF;
  RETURN NULL;
END
$$;

-- payments: the customer is the invoice's.
CREATE FUNCTION customer_facts_from_payments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM customer_facts_recompute(ARRAY(SELECT DISTINCT i.customer_id FROM new_rows p JOIN invoices i ON i.id = p.invoice_id), ARRAY['receivables']);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM customer_facts_recompute(ARRAY(SELECT DISTINCT i.customer_id FROM old_rows p JOIN invoices i ON i.id = p.invoice_id), ARRAY['receivables']);
  ELSE
    PERFORM customer_facts_recompute(ARRAY(
      SELECT DISTINCT i.customer_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN invoices i ON i.id IN (n.invoice_id, o.invoice_id)
       WHERE (n.invoice_id, n.amount) IS DISTINCT FROM (o.invoice_id, o.amount)), ARRAY['receivables']);
  END IF;
  RETURN NULL;
END
$$;

-- A trigger with transition tables fires for one kind of event, hence three per table.
CREATE TRIGGER customer_facts_after_order_insert AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_orders();
CREATE TRIGGER customer_facts_after_order_update AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_orders();
CREATE TRIGGER customer_facts_after_order_delete AFTER DELETE ON orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_orders();
CREATE TRIGGER customer_facts_after_cod_hold_insert AFTER INSERT ON cod_holds
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_cod_holds();
CREATE TRIGGER customer_facts_after_cod_hold_update AFTER UPDATE ON cod_holds
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_cod_holds();
CREATE TRIGGER customer_facts_after_cod_hold_delete AFTER DELETE ON cod_holds
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_cod_holds();
CREATE TRIGGER customer_facts_after_invoice_insert AFTER INSERT ON invoices
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_invoices();
CREATE TRIGGER customer_facts_after_invoice_update AFTER UPDATE ON invoices
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_invoices();
CREATE TRIGGER customer_facts_after_invoice_delete AFTER DELETE ON invoices
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_invoices();
CREATE TRIGGER customer_facts_after_payment_insert AFTER INSERT ON payments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_payments();
CREATE TRIGGER customer_facts_after_payment_update AFTER UPDATE ON payments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_payments();
CREATE TRIGGER customer_facts_after_payment_delete AFTER DELETE ON payments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_facts_from_payments();

-- Backfill: a row per existing customer, then the event-derived facts of those with events.
INSERT INTO customer_facts (customer_id, erased, gender, birthdate, birth_month_day, city, premium_member, loyalty_tier)
SELECT c.id, c.erasure_state = 'erased', a.* FROM customers c CROSS JOIN LATERAL customer_attribute_facts(c.attributes) a;
SELECT customer_facts_recompute(ARRAY(
  SELECT customer_id FROM orders UNION SELECT customer_id FROM cod_holds UNION SELECT customer_id FROM invoices));
ANALYZE customer_facts;
