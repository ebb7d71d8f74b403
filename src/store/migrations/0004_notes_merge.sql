-- Notes on a customer (free text by staff: may hold personal data, erased with the customer).
CREATE TABLE customer_notes (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id text        NOT NULL REFERENCES customers (id),
  text        text        NOT NULL,
  author      text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_notes_by_customer ON customer_notes (customer_id, id);

-- A merged duplicate keeps its id (other systems may still send it) and points to the survivor.
ALTER TABLE customers ADD COLUMN merged_into text REFERENCES customers (id);
