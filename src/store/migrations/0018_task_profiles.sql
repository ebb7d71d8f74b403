-- Tasks per profile (seed 001: the tasks to do are viewed per customer profile, and a profile without
-- a scenario exists to handle its customers case by case). Every task records the profile set and
-- the profile its customer held in it when the task was made, and every sequence the set of the
-- profile it follows. Manual-handling tasks used to record no profile: the invoices left to
-- manual handling were missing from GET /v1/tasks?profile=to-assign.
ALTER TABLE dunning_sequences ADD COLUMN profile_set_id text;
ALTER TABLE tasks ADD COLUMN profile_set_id text;
CREATE INDEX tasks_by_profile ON tasks (profile_set_id, profile_id, created_at);

-- The rule files cannot be read here, so the set the scenarios follow is found in the data: the set
-- in which the customers of sequences hold the sequence's profile; else the set whose default profile
-- new customers get (a manual set); else account-type, the set Rulebook ships scenarios for.
CREATE TEMPORARY TABLE dunning_profile_set ON COMMIT DROP AS
SELECT coalesce(
  (SELECT cp.set_id FROM dunning_sequences s JOIN customer_profiles cp ON cp.customer_id = s.customer_id AND cp.profile_id = s.profile_id
   GROUP BY cp.set_id ORDER BY count(*) DESC, cp.set_id LIMIT 1),
  (SELECT set_id FROM customer_profiles WHERE assigned_by = 'default' GROUP BY set_id ORDER BY count(*) DESC, set_id LIMIT 1),
  'account-type'
) AS set_id;

-- A sequence follows the set in which its customer holds (or, per the timeline, held) its profile.
UPDATE dunning_sequences s SET profile_set_id = coalesce(
  (SELECT cp.set_id FROM customer_profiles cp WHERE cp.customer_id = s.customer_id AND cp.profile_id = s.profile_id ORDER BY cp.set_id LIMIT 1),
  (SELECT e.detail ->> 'setId' FROM customer_timeline e
   WHERE e.customer_id = s.customer_id AND e.kind = 'profile-changed' AND e.detail ->> 'to' = s.profile_id ORDER BY e.id DESC LIMIT 1),
  (SELECT set_id FROM dunning_profile_set)
);

-- A step's task (call, formal notice, letter) was made under its sequence's scenario and profile.
UPDATE tasks t
SET profile_set_id = s.profile_set_id, profile_id = coalesce(t.profile_id, s.profile_id), scenario_id = coalesce(t.scenario_id, s.scenario_id)
FROM dunning_sequences s
WHERE s.invoice_id = t.invoice_id AND t.kind <> 'manual-handling';

-- A manual-handling task gets the profile its customer held when it was made: the last change of the
-- set on the timeline at or before that moment (the invoice's own recalculation shares its instant),
-- else what the first change after it moved away from, else — no change on record — the profile held now.
UPDATE tasks t
SET profile_set_id = d.set_id,
    profile_id = (
      SELECT CASE WHEN h.before IS NOT NULL THEN h.before ->> 'to' WHEN h.after IS NOT NULL THEN h.after ->> 'from' ELSE h.held END
      FROM (
        SELECT
          (SELECT e.detail FROM customer_timeline e
           WHERE e.customer_id = t.customer_id AND e.kind = 'profile-changed' AND e.detail ->> 'setId' = d.set_id AND e.at <= t.created_at
           ORDER BY e.at DESC, e.id DESC LIMIT 1) AS before,
          (SELECT e.detail FROM customer_timeline e
           WHERE e.customer_id = t.customer_id AND e.kind = 'profile-changed' AND e.detail ->> 'setId' = d.set_id AND e.at > t.created_at
           ORDER BY e.at, e.id LIMIT 1) AS after,
          (SELECT cp.profile_id FROM customer_profiles cp WHERE cp.customer_id = t.customer_id AND cp.set_id = d.set_id) AS held
      ) h
    )
FROM dunning_profile_set d
WHERE t.kind = 'manual-handling' AND t.profile_id IS NULL;
