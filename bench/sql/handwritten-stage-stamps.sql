-- `stage_stamps` of examples/default.stages as a data engineer would write it by hand, for
-- `duckdb_vs_handwritten` in `npm run bench` (the bench checks it returns exactly the rows of the
-- generated views on its data, and fails when not): every candidate of SPEC §4.2 in one union,
-- each stage joined to the candidates of the stages above it (the back-fill of §4.3), the least
-- by the §4.3 key with ROW_NUMBER. Reads the four input tables, not the generated views.
WITH
journeys AS (
  SELECT "Id" AS journey_id, "CreatedDate" AS created_at, "CompletionDate" AS completed_at, "OwnerId" AS owner_id
  FROM engagement
  WHERE "RecordType" = 'Activation'
),
-- An opportunity's earliest version decides its journey, its stage-4 instant and owner;
-- its latest version's CloseDate is the stage-6 date (§4.4), carried by the stage-6 candidates.
origins AS (
  SELECT "Id" AS opportunity_id,
    arg_min("ActivationId", valid_from) AS journey_id,
    min(valid_from) AS created_at,
    arg_min("OwnerId", valid_from) AS owner_id,
    arg_max("CloseDate", valid_from) AS close_date
  FROM opportunity
  GROUP BY "Id"
),
primary_opportunities AS (
  SELECT j.journey_id, o.opportunity_id, o.created_at, o.owner_id
  FROM origins o
  JOIN journeys j ON j.journey_id = o.journey_id
    AND o.created_at >= j.created_at AND (j.completed_at IS NULL OR o.created_at < j.completed_at)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY j.journey_id ORDER BY o.created_at, o.opportunity_id) = 1
),
person_versions AS (
  SELECT "CurrentActivationId" AS journey_id, valid_from AS t, "OwnerId" AS owner_id, "Id" AS source_id, 0 AS source_rank,
    CASE WHEN "Status" IN ('Open', 'Routed') THEN 2 WHEN "Status" = 'Working' THEN 3 END AS source_stage
  FROM contact
  WHERE "Status" IN ('Open', 'Routed', 'Working')
  UNION ALL
  SELECT "CurrentActivationId", valid_from, "OwnerId", "Id", 1,
    CASE WHEN "Status" IN ('Open', 'Routed') THEN 2 WHEN "Status" = 'Working' THEN 3 END
  FROM lead
  WHERE "Status" IN ('Open', 'Routed', 'Working')
),
candidates AS (
  SELECT 'engagement' AS object, journey_id AS record_id, 1 AS source_stage, created_at AS t, 3 AS source_rank, owner_id, journey_id AS source_id,
    CAST(NULL AS DATE) AS close_date
  FROM journeys
  UNION ALL
  SELECT 'engagement', j.journey_id, p.source_stage, p.t, p.source_rank, p.owner_id, p.source_id, NULL
  FROM person_versions p
  JOIN journeys j ON j.journey_id = p.journey_id
    AND p.t >= j.created_at AND (j.completed_at IS NULL OR p.t < j.completed_at)
  UNION ALL
  SELECT 'engagement', journey_id, 4, created_at, 2, owner_id, opportunity_id, NULL
  FROM primary_opportunities
  UNION ALL
  SELECT 'opportunity', opportunity_id, 4, created_at, 2, owner_id, opportunity_id, NULL
  FROM origins
  UNION ALL
  SELECT 'opportunity', "Id", 5, valid_from, 2, "OwnerId", "Id", NULL
  FROM opportunity
  WHERE "Probability" > 0
  UNION ALL
  SELECT 'opportunity', v."Id", 6, v.valid_from, 2, v."OwnerId", v."Id", o.close_date
  FROM opportunity v
  JOIN origins o ON o.opportunity_id = v."Id"
  WHERE v."IsWon"
),
stages (object, stage, label, top_stage) AS (
  VALUES ('engagement', 1, 'Activation', 3), ('engagement', 2, 'MQL', 4), ('engagement', 3, 'SAL', 4),
    ('opportunity', 4, 'Opportunity Created', 6), ('opportunity', 5, 'SQL', 6), ('opportunity', 6, 'Won', 6)
),
-- Stage k is stamped by the least candidate of the stages k and above (§4.3): engagement
-- stage 1 from stages 1-3, stages 2 and 3 also from the primary opportunity's stage 4.
ranked AS (
  SELECT s.object, c.record_id, s.stage, s.label, c.t, c.owner_id, c.source_stage, c.close_date
  FROM candidates c
  JOIN stages s ON s.object = c.object AND c.source_stage BETWEEN s.stage AND s.top_stage
  QUALIFY ROW_NUMBER() OVER (
    PARTITION BY s.object, c.record_id, s.stage
    ORDER BY c.t, c.source_stage, c.source_rank, c.owner_id NULLS LAST, c.source_id
  ) = 1
)
SELECT r.object, r.record_id, r.stage, r.label,
  CASE WHEN r.stage = 6 THEN COALESCE(CAST(r.close_date AS TIMESTAMP), r.t) ELSE r.t END AS stage_date,
  r.owner_id,
  r.source_stage <> r.stage AS inferred
FROM ranked r
