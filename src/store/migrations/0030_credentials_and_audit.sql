-- Who may do what (issue 15). API credentials: a name (the actor recorded for what the token does),
-- the scopes it holds, and the SHA-256 of the token (the token itself is shown once and kept
-- nowhere). Revoked credentials stay, so that the audit trail's names keep their meaning.
CREATE TABLE api_credentials (
  name        text        PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  token_hash  bytea       NOT NULL UNIQUE,
  scopes      text[]      NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text        NOT NULL,
  revoked_at  timestamptz,
  revoked_by  text
);

-- The audit trail: every write through the API (and every refusal of one for want of a scope), with
-- who (the credential's name, and the person it acted for), what (the route pattern and the ids in
-- its path), when and the outcome (HTTP status). Never a personal value: ids only. Append-only: the
-- trigger below refuses any UPDATE or DELETE, and TRUNCATE, whoever asks; an erasure removes nothing
-- from it (it never held personal values).
CREATE TABLE audit_log (
  id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor        text        NOT NULL,
  on_behalf_of text,
  method       text        NOT NULL,
  route        text        NOT NULL,
  ids          jsonb       NOT NULL DEFAULT '{}',
  status       integer     NOT NULL,
  outcome      text        NOT NULL CHECK (outcome IN ('done', 'refused', 'failed')),
  request_id   text
);
CREATE INDEX audit_log_actor ON audit_log (actor, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % is not allowed on audit_log', TG_OP USING ERRCODE = 'RBA01';
END;
$$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- An export made for a caller without customers:read-personal holds masked email, phone and name;
-- one made with it holds them in clear, and only such a caller may download it.
ALTER TABLE export_jobs ADD COLUMN masked boolean NOT NULL DEFAULT false;
