-- The emails and phones of duplicates merged into a customer: the same person's former contacts,
-- kept only so that the customer's erasure also finds the records that name them (import error
-- rows); erased with the customer.
ALTER TABLE customers ADD COLUMN merged_contacts jsonb NOT NULL DEFAULT '[]';
