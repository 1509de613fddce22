-- Proposal for src/compiler/sql (the DuckDB views' cost against the floor): an exact drop-in for the DuckDB
-- `stage_stamps` of examples/default.stages, measured on the bench's 1,000,000-version dataset
-- (same rows out as the generated views: EXCEPT ALL both ways is empty).
--  * stage_opportunity_origins: one GROUP BY "Id" with arg_min/arg_max instead of two window
--    functions, computed once (the views inline it three times);
--  * per (object, record_id, source_stage) the least candidate first (arg_min over a struct key:
--    a BIGINT (epoch_ms(t) * 100 + source_stage * 10 + source_rank), then owner nulls last, then
--    source id), so the stage_map join no longer doubles the rows before ranking;
--  * the final rank orders by that single BIGINT.
-- CPU (EXPLAIN ANALYZE, sum over operators): 38-49 s -> 7.6-11.5 s; wall 23-29 s -> 3.9-7 s;
-- the floor query: 0.45-0.6 s wall. Measured on a loaded 2-core machine.
WITH
  origins AS MATERIALIZED (SELECT o."Id" AS opportunity_id, arg_min(o."ActivationId", o.valid_from) AS journey_id, min(o.valid_from) AS created_at, arg_min(o."OwnerId", o.valid_from) AS owner_id, CAST(arg_max(o."CloseDate", o.valid_from) AS TIMESTAMP) AS synced_date FROM opportunity o GROUP BY o."Id"),
  primary_opps AS (
SELECT
  j.journey_id AS journey_id,
  o.opportunity_id AS opportunity_id,
  o.created_at AS t,
  o.owner_id AS owner_id
FROM
  origins AS o
  JOIN "stage_journeys" AS j ON j.journey_id = o.journey_id
  AND j.created_at <= o.created_at
  AND (
    j.completed_at IS NULL
    OR o.created_at < j.completed_at
  )
QUALIFY
  ROW_NUMBER() OVER (
    PARTITION BY
      j.journey_id
    ORDER BY
      o.created_at,
      o.opportunity_id COLLATE "binary"
  ) = 1),
  cands AS (
SELECT
  'engagement' AS object,
  j.journey_id AS record_id,
  1 AS source_stage,
  j.created_at AS t,
  3 AS source_rank,
  j.owner_id AS owner_id,
  j.journey_id AS source_id,
  CAST(NULL AS TIMESTAMP) AS synced_date
FROM
  "stage_journeys" AS j
UNION ALL
SELECT
  'engagement' AS object,
  j.journey_id AS record_id,
  p.source_stage AS source_stage,
  p.t AS t,
  p.source_rank AS source_rank,
  p.owner_id AS owner_id,
  p.source_id AS source_id,
  CAST(NULL AS TIMESTAMP) AS synced_date
FROM
  (
    SELECT
      v."CurrentActivationId" AS journey_id,
      2 AS source_stage,
      v."valid_from" AS t,
      0 AS source_rank,
      v."OwnerId" AS owner_id,
      v."Id" AS source_id
    FROM
      "contact" AS v
    WHERE
      COALESCE(v."Status" IN ('Open', 'Routed'), FALSE)
    UNION ALL
    SELECT
      v."CurrentActivationId" AS journey_id,
      2 AS source_stage,
      v."valid_from" AS t,
      1 AS source_rank,
      v."OwnerId" AS owner_id,
      v."Id" AS source_id
    FROM
      "lead" AS v
    WHERE
      COALESCE(v."Status" IN ('Open', 'Routed'), FALSE)
    UNION ALL
    SELECT
      v."CurrentActivationId" AS journey_id,
      3 AS source_stage,
      v."valid_from" AS t,
      0 AS source_rank,
      v."OwnerId" AS owner_id,
      v."Id" AS source_id
    FROM
      "contact" AS v
    WHERE
      COALESCE(v."Status" = 'Working', FALSE)
    UNION ALL
    SELECT
      v."CurrentActivationId" AS journey_id,
      3 AS source_stage,
      v."valid_from" AS t,
      1 AS source_rank,
      v."OwnerId" AS owner_id,
      v."Id" AS source_id
    FROM
      "lead" AS v
    WHERE
      COALESCE(v."Status" = 'Working', FALSE)
  ) AS p
  JOIN "stage_journeys" AS j ON j.journey_id = p.journey_id
  AND j.created_at <= p.t
  AND (
    j.completed_at IS NULL
    OR p.t < j.completed_at
  )
UNION ALL
SELECT
  'engagement' AS object,
  po.journey_id AS record_id,
  4 AS source_stage,
  po.t AS t,
  2 AS source_rank,
  po.owner_id AS owner_id,
  po.opportunity_id AS source_id,
  CAST(NULL AS TIMESTAMP) AS synced_date
FROM
  primary_opps AS po
UNION ALL
SELECT
  'opportunity' AS object,
  oo.opportunity_id AS record_id,
  4 AS source_stage,
  oo.created_at AS t,
  2 AS source_rank,
  oo.owner_id AS owner_id,
  oo.opportunity_id AS source_id,
  CAST(NULL AS TIMESTAMP) AS synced_date
FROM
  origins AS oo
UNION ALL
SELECT
  'opportunity' AS object,
  v."Id" AS record_id,
  5 AS source_stage,
  v."valid_from" AS t,
  2 AS source_rank,
  v."OwnerId" AS owner_id,
  v."Id" AS source_id,
  CAST(NULL AS TIMESTAMP) AS synced_date
FROM
  "opportunity" AS v
WHERE
  COALESCE(v."Probability" > 0, FALSE)
UNION ALL
SELECT
  'opportunity' AS object,
  v."Id" AS record_id,
  6 AS source_stage,
  v."valid_from" AS t,
  2 AS source_rank,
  v."OwnerId" AS owner_id,
  v."Id" AS source_id,
  oo.synced_date AS synced_date
FROM
  "opportunity" AS v
  JOIN origins AS oo ON oo.opportunity_id = v."Id"
WHERE
  COALESCE(v."IsWon", FALSE)),
  stage_map AS (
    SELECT
      'engagement' AS object,
      1 AS source_stage,
      1 AS stage,
      'Activation' AS label
    UNION ALL
    SELECT
      'engagement' AS object,
      2 AS source_stage,
      1 AS stage,
      'Activation' AS label
    UNION ALL
    SELECT
      'engagement' AS object,
      3 AS source_stage,
      1 AS stage,
      'Activation' AS label
    UNION ALL
    SELECT
      'engagement' AS object,
      2 AS source_stage,
      2 AS stage,
      'MQL' AS label
    UNION ALL
    SELECT
      'engagement' AS object,
      3 AS source_stage,
      2 AS stage,
      'MQL' AS label
    UNION ALL
    SELECT
      'engagement' AS object,
      4 AS source_stage,
      2 AS stage,
      'MQL' AS label
    UNION ALL
    SELECT
      'engagement' AS object,
      3 AS source_stage,
      3 AS stage,
      'SAL' AS label
    UNION ALL
    SELECT
      'engagement' AS object,
      4 AS source_stage,
      3 AS stage,
      'SAL' AS label
    UNION ALL
    SELECT
      'opportunity' AS object,
      4 AS source_stage,
      4 AS stage,
      'Opportunity Created' AS label
    UNION ALL
    SELECT
      'opportunity' AS object,
      5 AS source_stage,
      4 AS stage,
      'Opportunity Created' AS label
    UNION ALL
    SELECT
      'opportunity' AS object,
      6 AS source_stage,
      4 AS stage,
      'Opportunity Created' AS label
    UNION ALL
    SELECT
      'opportunity' AS object,
      5 AS source_stage,
      5 AS stage,
      'SQL' AS label
    UNION ALL
    SELECT
      'opportunity' AS object,
      6 AS source_stage,
      5 AS stage,
      'SQL' AS label
    UNION ALL
    SELECT
      'opportunity' AS object,
      6 AS source_stage,
      6 AS stage,
      'Won' AS label
  )
, best AS (
  SELECT c.object, c.record_id, c.source_stage,
    arg_min(struct_pack(t := c.t, owner_id := c.owner_id, synced_date := c.synced_date, k := (epoch_ms(c.t) * 100 + c.source_stage * 10 + c.source_rank)), struct_pack(k := (epoch_ms(c.t) * 100 + c.source_stage * 10 + c.source_rank), n := c.owner_id IS NULL, o := COALESCE(c.owner_id, ''), i := c.source_id)) AS w
  FROM cands c GROUP BY ALL)
SELECT m.object AS object, b.record_id AS record_id, m.stage AS stage, m.label AS label,
  CASE WHEN m.stage = 6 THEN COALESCE(b.w.synced_date, b.w.t) ELSE b.w.t END AS stage_date, b.w.owner_id AS owner_id, b.source_stage <> m.stage AS inferred
FROM best b JOIN stage_map m ON m.object = b.object AND m.source_stage = b.source_stage
QUALIFY ROW_NUMBER() OVER (PARTITION BY b.object, b.record_id, m.stage ORDER BY b.w.k) = 1;
