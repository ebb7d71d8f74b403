-- Which delivery round holds a claim: a worker renews its claim before each send and records the
-- outcome only while it still holds it, so a slow worker never acts on a message another has taken.
ALTER TABLE notification_outbox ADD COLUMN claim_token text;
