-- A merged duplicate counts nowhere (issue 12): it keeps its id, so that systems holding it find the
-- survivor (merged_into), but it is no longer a customer of its own. Before this, a duplicate kept
-- its profiles (it counted among the holders of account-type/to-assign), its facts row counted in
-- conditional groups (a duplicate without orders or attributes met "total_spent lessThan 100" or
-- "city isNotSet"), and its reminder sequences and tasks stayed on it, so that the survivor's
-- profile change did not reach them.
--
-- The facts row's `erased` flag already keeps a customer out of every group count, member list and
-- rule impact (and out of every partial index): it now also holds for a customer merged into
-- another. The name stays, so that no statement or index has to change: read it as "counted
-- nowhere". The merge itself (src/store/customer-lifecycle-store.ts) sets merged_into in its
-- transaction, and this trigger flags the row in the same statement.
CREATE OR REPLACE FUNCTION customer_facts_from_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO customer_facts (customer_id, erased, gender, birthdate, birth_month_day, city, premium_member, loyalty_tier)
    SELECT n.id, n.erasure_state = 'erased' OR n.merged_into IS NOT NULL, a.*
      FROM new_rows n CROSS JOIN LATERAL customer_attribute_facts(n.attributes) a
    ON CONFLICT (customer_id) DO UPDATE
      SET erased = excluded.erased, gender = excluded.gender, birthdate = excluded.birthdate, birth_month_day = excluded.birth_month_day,
          city = excluded.city, premium_member = excluded.premium_member, loyalty_tier = excluded.loyalty_tier;
  ELSE
    UPDATE customer_facts f
       SET erased = n.erasure_state = 'erased' OR n.merged_into IS NOT NULL, gender = a.gender, birthdate = a.birthdate,
           birth_month_day = a.birth_month_day, city = a.city, premium_member = a.premium_member, loyalty_tier = a.loyalty_tier
      FROM new_rows n
      JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL customer_attribute_facts(n.attributes) a
     WHERE f.customer_id = ANY(ARRAY(SELECT id FROM new_rows)) AND f.customer_id = n.id
       AND (n.attributes IS DISTINCT FROM o.attributes OR n.erasure_state IS DISTINCT FROM o.erasure_state
            OR n.merged_into IS DISTINCT FROM o.merged_into);
  END IF;
  RETURN NULL;
END
$$;

-- Duplicates merged by earlier releases get what a merge now does. merged_into always names the
-- last survivor (a merge re-points the customers merged into its duplicate).
UPDATE customer_facts f SET erased = true FROM customers c WHERE c.id = f.customer_id AND c.merged_into IS NOT NULL AND NOT f.erased;
-- No profile: the survivor holds its own.
DELETE FROM customer_profiles p USING customers c WHERE p.customer_id = c.id AND c.merged_into IS NOT NULL;
-- No static group: the survivor is a member instead.
INSERT INTO static_group_members (group_id, customer_id, added_at)
SELECT m.group_id, c.merged_into, m.added_at FROM static_group_members m JOIN customers c ON c.id = m.customer_id
 WHERE c.merged_into IS NOT NULL
ON CONFLICT DO NOTHING;
DELETE FROM static_group_members m USING customers c WHERE m.customer_id = c.id AND c.merged_into IS NOT NULL;
-- Reminder sequences, tasks and queued messages are the survivor's, as the invoices they are about.
UPDATE dunning_sequences s SET customer_id = c.merged_into FROM customers c WHERE c.id = s.customer_id AND c.merged_into IS NOT NULL;
UPDATE tasks t SET customer_id = c.merged_into FROM customers c WHERE c.id = t.customer_id AND c.merged_into IS NOT NULL;
UPDATE notification_outbox n SET customer_id = c.merged_into FROM customers c WHERE c.id = n.customer_id AND c.merged_into IS NOT NULL;
-- The duplicate has no returns left to age out of the window.
DELETE FROM returns_window_schedule s USING customers c WHERE s.customer_id = c.id AND c.merged_into IS NOT NULL;
