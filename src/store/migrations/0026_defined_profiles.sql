-- Profile removal, safe in both directions (issue 12): a customer holds only profiles that the rule
-- set in force defines. `rule_profiles` lists them, as the last start or reload that committed its
-- rules wrote them (src/use-cases/rule-change.ts); a trigger refuses to give a customer any other.
-- A reload removing a profile locks its row (FOR UPDATE), moves or disconnects its holders and
-- deletes it in one transaction: an assignment to it at the same moment takes the row's
-- FOR KEY SHARE lock in the trigger, so it either commits first (and is counted as a holder) or
-- waits and is then refused.
CREATE TABLE rule_profiles (
  set_id     text NOT NULL,
  profile_id text NOT NULL,
  PRIMARY KEY (set_id, profile_id)
);
-- Until the first start of this release commits its rules, the profiles held are taken as defined;
-- that start then treats those its rules no longer define as removed (refused or applied).
INSERT INTO rule_profiles (set_id, profile_id) SELECT DISTINCT set_id, profile_id FROM customer_profiles;

-- The rule set whose profiles `rule_profiles` holds. Without its row (a database no service has
-- started on yet), the trigger below lets every profile through.
CREATE TABLE rule_sync (
  singleton        boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  rule_set_version text        NOT NULL,
  synced_at        timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION customer_profile_is_defined() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.set_id = OLD.set_id AND NEW.profile_id = OLD.profile_id THEN
    RETURN NEW;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM rule_sync) THEN
    RETURN NEW;
  END IF;
  PERFORM 1 FROM rule_profiles WHERE set_id = NEW.set_id AND profile_id = NEW.profile_id FOR KEY SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'profile "%" of set "%" is not defined by the rules in force', NEW.profile_id, NEW.set_id
      USING ERRCODE = 'RBP01', DETAIL = json_build_object('setId', NEW.set_id, 'profileId', NEW.profile_id)::text;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER customer_profiles_defined BEFORE INSERT OR UPDATE OF set_id, profile_id ON customer_profiles
  FOR EACH ROW EXECUTE FUNCTION customer_profile_is_defined();

-- Recalculations after a reload removed profiles of automatic sets: the holders were disconnected
-- in the reload's transaction, and a workflow (`profile-recalculation-{id}`, queued in that same
-- transaction through workflow_intents) recalculates them with the new rules, batch by batch.
CREATE TABLE profile_recalculation_jobs (
  id               text        PRIMARY KEY,
  rule_set_version text        NOT NULL,
  -- [{ "setId", "profileId", "holders" }]: the removed profiles whose holders are recalculated.
  removed          jsonb       NOT NULL,
  total            integer     NOT NULL,
  done             integer     NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz
);
CREATE TABLE profile_recalculation_customers (
  job_id          text        NOT NULL REFERENCES profile_recalculation_jobs (id),
  customer_id     text        NOT NULL,
  recalculated_at timestamptz,
  PRIMARY KEY (job_id, customer_id)
);
CREATE INDEX profile_recalculation_customers_pending ON profile_recalculation_customers (job_id, customer_id)
  WHERE recalculated_at IS NULL;
