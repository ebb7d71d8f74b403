-- Rule changes always take effect (issue 13): a start or reload whose rules change what an automatic
-- profile set decides recalculates the existing customers with a durable job, the same job
-- (profile_recalculation_jobs, workflow `profile-recalculation-{id}`) that recalculates the holders
-- of a removed automatic profile (migration 0026).

-- What each automatic set decided with when the rules in `rule_set_version` were committed
-- ({ setId: { base, candidates: [[profileId, conditionsHash], …] } }, src/rules/set-decision-rules.ts);
-- the next commit compares its sets with it. NULL until a start of this release records it: that
-- first commit takes the profiles held as decided by its rules and recalculates no one.
ALTER TABLE rule_sync ADD COLUMN automatic_sets jsonb;

-- The sets a job recalculates because the rule change changed what they decide ([{ "setId", "change" }],
-- change = set-added | rules-changed): every customer not erased is recalculated in them. Jobs of
-- removals only have none.
ALTER TABLE profile_recalculation_jobs ADD COLUMN changed jsonb NOT NULL DEFAULT '[]';
