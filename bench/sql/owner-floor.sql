-- The owner floor of `duckdb_vs_owner_floor` in `npm run bench`, for examples/default.stages:
-- the least instant and its owner (`arg_min`, ties arbitrary) per journey and stage and per
-- opportunity and stage — the candidates of SPEC §4.2 without the §4.3 tie order, the primary
-- opportunity or the back-fill. Any exact answer does at least this work.
WITH
journeys AS (
  SELECT "Id" AS journey_id, "CreatedDate" AS created_at, "CompletionDate" AS completed_at, "OwnerId" AS owner_id
  FROM engagement
  WHERE "RecordType" = 'Activation'
),
person_versions AS (
  SELECT "CurrentActivationId" AS journey_id, valid_from AS t, "OwnerId" AS owner_id, "Status" AS status FROM contact
  UNION ALL
  SELECT "CurrentActivationId", valid_from, "OwnerId", "Status" FROM lead
),
candidates AS (
  SELECT 'engagement' AS object, journey_id AS record_id, 1 AS stage, created_at AS t, owner_id FROM journeys
  UNION ALL
  SELECT 'engagement', j.journey_id, CASE WHEN p.status = 'Working' THEN 3 ELSE 2 END, p.t, p.owner_id
  FROM person_versions p
  JOIN journeys j ON j.journey_id = p.journey_id
    AND p.t >= j.created_at AND (j.completed_at IS NULL OR p.t < j.completed_at)
  WHERE p.status IN ('Open', 'Routed', 'Working')
  UNION ALL
  SELECT 'opportunity', "Id", 4, valid_from, "OwnerId" FROM opportunity
  UNION ALL
  SELECT 'opportunity', "Id", 5, valid_from, "OwnerId" FROM opportunity WHERE "Probability" > 0
  UNION ALL
  SELECT 'opportunity', "Id", 6, valid_from, "OwnerId" FROM opportunity WHERE "IsWon"
)
SELECT object, record_id, stage, min(t) AS stage_date, arg_min(owner_id, t) AS owner_id
FROM candidates
GROUP BY object, record_id, stage
