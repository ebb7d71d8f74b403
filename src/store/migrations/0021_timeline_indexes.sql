-- The customer's timeline (src/store/timeline-store.ts) reads the customer's COD holds, released
-- ones included, and the events of the customer's orders: without these indexes each page read
-- every hold and every order event of every customer. A merge, which moves a duplicate's holds to
-- the survivor, finds them by the same index.
CREATE INDEX cod_holds_by_customer ON cod_holds (customer_id, held_at);
CREATE INDEX order_events_by_order ON order_events (order_id);
