-- The facts table kept up to date by difference: an order, a COD hold, an invoice or a payment adds
-- what it changes to the customer's sums instead of summing the customer's whole history again.
--
-- Why: with migration 0016 every COD order recomputed its customer's order totals and open holds
-- from all their rows (about 1.3 and 0.7 ms per order, growing with the customer's history), and
-- the generic plans of those recomputes joined customer_facts by a sequential scan: at a million
-- customers every event would have read the whole table.
--
-- Still exact, still from the events: the sums are kept as numeric (exact decimal, like the event
-- tables' amounts), and the float8 columns that groups compare are their casts, so a sum built one
-- event at a time equals the sum computed at once, to the last bit. The difference is computed
-- by SQL from the rows the statement changed (its transition tables), in the same statement; the
-- application still writes nothing here. What a difference cannot say is recomputed, as before:
-- the last transaction when the new order is not strictly the latest, anything an update or a
-- delete of an order changes, and receivables whose invoices move (a merge: their payments move
-- with them).
ALTER TABLE customer_facts
  ADD COLUMN spent_exact       numeric NOT NULL DEFAULT 0,
  ADD COLUMN cod_held_exact    numeric NOT NULL DEFAULT 0,
  ADD COLUMN outstanding_exact numeric NOT NULL DEFAULT 0;

-- Every function below locks the customers' rows before their facts rows, in the order every use
-- case locks (customer first, src/store/customer-store.ts lockCustomer): an order event or a
-- payment, which locks no customer itself, would otherwise hold the facts row while a concurrent
-- order holding the customer waits for it, and then wait for the customer (deadlock). Since every
-- writer of a facts row holds its customer, an update adding to the row needs no lock of its own.

-- Recomputes the event-derived facts of `ids` from the event tables. The rows are locked first and
-- the facts computed in later statements, with a snapshot taken after the lock: two transactions
-- recording events of one customer at once take turns, and the second sees the first's events.
-- Every statement finds its rows through `= ANY(ids)` on an index, for one customer or 300,000.
CREATE OR REPLACE FUNCTION customer_facts_recompute(ids text[], parts text[] DEFAULT ARRAY['orders', 'holds', 'receivables'])
RETURNS void LANGUAGE plpgsql
-- Generic plans: these statements run on every event, and with an array parameter PostgreSQL would
-- plan them anew each time, which cost more than running them.
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM customers WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  PERFORM 1 FROM customer_facts WHERE customer_id = ANY(ids) ORDER BY customer_id FOR UPDATE;
  IF 'orders' = ANY(parts) THEN
    WITH transactions AS (
      SELECT o.customer_id, o.id, o.value, o.placed_at FROM orders o
       WHERE o.customer_id = ANY(ids) AND o.status NOT IN ('cancelled', 'returned-to-origin')),
    spent AS (SELECT customer_id, sum(value) AS total, count(*) AS count FROM transactions GROUP BY customer_id),
    last AS (
      SELECT DISTINCT ON (customer_id) customer_id, value, placed_at
        FROM transactions ORDER BY customer_id, placed_at DESC, id DESC),
    e AS (
      SELECT f.customer_id AS id, coalesce(spent.total, 0) AS spent_exact, coalesce(spent.count, 0) AS transaction_count,
             last.value::float8 AS last_transaction_value, last.placed_at AS last_transaction_at
        FROM customer_facts f LEFT JOIN spent ON spent.customer_id = f.customer_id LEFT JOIN last ON last.customer_id = f.customer_id
       WHERE f.customer_id = ANY(ids))
    UPDATE customer_facts f
       SET spent_exact = e.spent_exact,
           total_spent = e.spent_exact::float8,
           transaction_count = e.transaction_count,
           average_transaction_value = (e.spent_exact / nullif(e.transaction_count, 0))::float8,
           last_transaction_value = e.last_transaction_value,
           last_transaction_at = e.last_transaction_at
      FROM e
     WHERE f.customer_id = ANY(ids) AND f.customer_id = e.id
       AND (f.spent_exact, f.transaction_count, f.last_transaction_value, f.last_transaction_at)
           IS DISTINCT FROM (e.spent_exact, e.transaction_count, e.last_transaction_value, e.last_transaction_at);
  END IF;
  IF 'holds' = ANY(parts) THEN
    WITH held AS (
      SELECT customer_id, sum(amount) AS amount FROM cod_holds WHERE customer_id = ANY(ids) AND released_at IS NULL GROUP BY customer_id)
    UPDATE customer_facts f SET cod_held_exact = coalesce(held.amount, 0), cod_held_amount = coalesce(held.amount, 0)::float8
      FROM customer_facts f2 LEFT JOIN held ON held.customer_id = f2.customer_id
     WHERE f.customer_id = ANY(ids) AND f2.customer_id = f.customer_id AND f.cod_held_exact IS DISTINCT FROM coalesce(held.amount, 0);
  END IF;
  IF 'receivables' = ANY(parts) THEN
    WITH invoiced AS (SELECT customer_id, sum(amount) AS amount FROM invoices WHERE customer_id = ANY(ids) GROUP BY customer_id),
    paid AS (
      SELECT i.customer_id, sum(p.amount) AS amount FROM invoices i JOIN payments p ON p.invoice_id = i.id
       WHERE i.customer_id = ANY(ids) GROUP BY i.customer_id),
    e AS (
      SELECT f.customer_id AS id, coalesce(invoiced.amount, 0) - coalesce(paid.amount, 0) AS outstanding_exact
        FROM customer_facts f LEFT JOIN invoiced ON invoiced.customer_id = f.customer_id LEFT JOIN paid ON paid.customer_id = f.customer_id
       WHERE f.customer_id = ANY(ids))
    UPDATE customer_facts f SET outstanding_exact = e.outstanding_exact, outstanding_amount = e.outstanding_exact::float8
      FROM e
     WHERE f.customer_id = ANY(ids) AND f.customer_id = e.id AND f.outstanding_exact IS DISTINCT FROM e.outstanding_exact;
  END IF;
END
$$;

-- orders: an insert adds its transactions to the sums, and moves the last transaction when the new
-- order is strictly the latest; otherwise (two orders of one moment, where the greater id is the
-- last, or an order placed before the stored last one) that customer is recomputed. An update that
-- changes whether an order counts, its value, moment or customer, and a delete, recompute.
CREATE OR REPLACE FUNCTION customer_facts_from_orders() RETURNS trigger LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  ids text[];
  undecided text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT customer_id FROM new_rows WHERE status NOT IN ('cancelled', 'returned-to-origin'));
    IF cardinality(ids) = 0 THEN
      RETURN NULL;
    END IF;
    -- The customers first, as everywhere; the update then locks the facts rows, and adds to the
    -- newest committed values (an update that waited re-reads the row).
    PERFORM 1 FROM customers WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
    -- The plain CTEs read customer_facts as it was before this statement's update.
    WITH added AS (SELECT * FROM new_rows WHERE status NOT IN ('cancelled', 'returned-to-origin')),
    sums AS (SELECT customer_id, sum(value) AS spent, count(*) AS count FROM added GROUP BY customer_id),
    newest AS (SELECT DISTINCT ON (customer_id) customer_id, value, placed_at FROM added ORDER BY customer_id, placed_at DESC, id DESC),
    not_latest AS (
      SELECT f.customer_id FROM customer_facts f JOIN newest ON newest.customer_id = f.customer_id
       WHERE f.customer_id = ANY(ids) AND f.last_transaction_at >= newest.placed_at),
    updated AS (
      UPDATE customer_facts f
         SET spent_exact = f.spent_exact + sums.spent,
             total_spent = (f.spent_exact + sums.spent)::float8,
             transaction_count = f.transaction_count + sums.count,
             average_transaction_value = ((f.spent_exact + sums.spent) / (f.transaction_count + sums.count)::numeric)::float8,
             last_transaction_value = CASE WHEN f.last_transaction_at >= newest.placed_at THEN f.last_transaction_value ELSE newest.value::float8 END,
             last_transaction_at = greatest(f.last_transaction_at, newest.placed_at)
        FROM sums JOIN newest ON newest.customer_id = sums.customer_id
       WHERE f.customer_id = ANY(ids) AND f.customer_id = sums.customer_id
      RETURNING f.customer_id)
    SELECT ARRAY(SELECT customer_id FROM not_latest) INTO undecided;
    IF cardinality(undecided) > 0 THEN
      PERFORM customer_facts_recompute(undecided, ARRAY['orders']);
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM customer_facts_recompute(ARRAY(SELECT DISTINCT customer_id FROM old_rows), ARRAY['orders']);
  ELSE
    -- A delivery changes the status but not whether the order counts: nothing to do.
    PERFORM customer_facts_recompute(ARRAY(
      SELECT DISTINCT unnest(ARRAY[o.customer_id, n.customer_id]) FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.customer_id, n.value, n.status IN ('cancelled', 'returned-to-origin'), n.placed_at)
             IS DISTINCT FROM (o.customer_id, o.value, o.status IN ('cancelled', 'returned-to-origin'), o.placed_at)), ARRAY['orders']);
  END IF;
  RETURN NULL;
END
$$;

-- Adds amounts[i] to the amount held by open COD holds of customer ids[i] (one entry per customer).
CREATE FUNCTION customer_facts_add_held(ids text[], amounts numeric[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM customers WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  UPDATE customer_facts f SET cod_held_exact = f.cod_held_exact + d.amount, cod_held_amount = (f.cod_held_exact + d.amount)::float8
    FROM unnest(ids, amounts) AS d (customer_id, amount)
   WHERE f.customer_id = ANY(ids) AND f.customer_id = d.customer_id;
END
$$;

-- Adds amounts[i] to the outstanding amount of customer ids[i] (one entry per customer).
CREATE FUNCTION customer_facts_add_outstanding(ids text[], amounts numeric[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM customers WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  UPDATE customer_facts f SET outstanding_exact = f.outstanding_exact + d.amount, outstanding_amount = (f.outstanding_exact + d.amount)::float8
    FROM unnest(ids, amounts) AS d (customer_id, amount)
   WHERE f.customer_id = ANY(ids) AND f.customer_id = d.customer_id;
END
$$;

-- cod_holds: what a statement changes in the open holds is the open amounts it adds (new rows)
-- minus those it removes (old rows), per customer; a merge moving a hold moves its amount.
CREATE OR REPLACE FUNCTION customer_facts_from_cod_holds() RETURNS trigger LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  ids text[];
  amounts numeric[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(customer_id), array_agg(amount) INTO ids, amounts
      FROM (SELECT customer_id, sum(amount) AS amount FROM new_rows WHERE released_at IS NULL GROUP BY customer_id HAVING sum(amount) <> 0) d;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(customer_id), array_agg(amount) INTO ids, amounts
      FROM (SELECT customer_id, -sum(amount) AS amount FROM old_rows WHERE released_at IS NULL GROUP BY customer_id HAVING sum(amount) <> 0) d;
  ELSE
    SELECT array_agg(customer_id), array_agg(amount) INTO ids, amounts
      FROM (SELECT customer_id, sum(amount) AS amount FROM (
              SELECT customer_id, amount FROM new_rows WHERE released_at IS NULL
              UNION ALL
              SELECT customer_id, -amount FROM old_rows WHERE released_at IS NULL) x
             GROUP BY customer_id HAVING sum(amount) <> 0) d;
  END IF;
  PERFORM customer_facts_add_held(coalesce(ids, ARRAY[]::text[]), amounts);
  RETURN NULL;
END
$$;

-- invoices: a new invoice adds its amount; an update or delete recomputes (a merge moves an
-- invoice together with its payments).
CREATE OR REPLACE FUNCTION customer_facts_from_invoices() RETURNS trigger LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  ids text[];
  amounts numeric[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(customer_id), array_agg(amount) INTO ids, amounts
      FROM (SELECT customer_id, sum(amount) AS amount FROM new_rows GROUP BY customer_id HAVING sum(amount) <> 0) d;
    PERFORM customer_facts_add_outstanding(coalesce(ids, ARRAY[]::text[]), amounts);
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

-- payments: the customer is the invoice's; a new payment subtracts its amount.
CREATE OR REPLACE FUNCTION customer_facts_from_payments() RETURNS trigger LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  ids text[];
  amounts numeric[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(customer_id), array_agg(amount) INTO ids, amounts
      FROM (SELECT i.customer_id, -sum(p.amount) AS amount FROM new_rows p JOIN invoices i ON i.id = p.invoice_id
             GROUP BY i.customer_id HAVING sum(p.amount) <> 0) d;
    PERFORM customer_facts_add_outstanding(coalesce(ids, ARRAY[]::text[]), amounts);
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

-- customers: the same triggers as in 0016, with the facts rows found by their key (at a million
-- customers, a join on a transition table may otherwise read all of customer_facts).
CREATE OR REPLACE FUNCTION customer_facts_from_customers() RETURNS trigger LANGUAGE plpgsql AS $$
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
     WHERE f.customer_id = ANY(ARRAY(SELECT id FROM new_rows)) AND f.customer_id = n.id
       AND (n.attributes IS DISTINCT FROM o.attributes OR n.erasure_state IS DISTINCT FROM o.erasure_state);
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION customer_facts_after_customers_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_facts f WHERE f.customer_id = ANY(ARRAY(SELECT id FROM old_rows));
  RETURN NULL;
END
$$;

-- The exact sums of the rows that exist.
SELECT customer_facts_recompute(ARRAY(
  SELECT customer_id FROM orders UNION SELECT customer_id FROM cod_holds UNION SELECT customer_id FROM invoices));
