-- A payment subtracts its amount from the outstanding amount of its invoice's customer (migration
-- 0017). The trigger read that customer in its first statement, before it waited for the customer's
-- lock: a merge moving the invoice to the survivor, committed while the payment waited, left the
-- amount subtracted from the duplicate (outstanding -40 there, and 40 too much on the survivor).
-- Now the owners are read again after their lock, until every owner read is locked: a merge locks
-- both customers before it moves anything, so once they are locked the owners cannot change.
CREATE OR REPLACE FUNCTION customer_facts_from_payments() RETURNS trigger LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  locked text[] := ARRAY[]::text[];
  owners text[];
  ids text[];
  amounts numeric[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    LOOP
      -- Each statement takes a new snapshot: this one sees what a merge committed while this waited.
      owners := ARRAY(SELECT DISTINCT i.customer_id FROM new_rows p JOIN invoices i ON i.id = p.invoice_id WHERE i.customer_id <> ALL(locked));
      EXIT WHEN cardinality(owners) = 0;
      PERFORM 1 FROM customers WHERE id = ANY(owners) ORDER BY id FOR NO KEY UPDATE;
      locked := locked || owners;
    END LOOP;
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
