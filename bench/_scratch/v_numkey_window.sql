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
SELECT m.object AS object, c.record_id AS record_id, m.stage AS stage, m.label AS label,
  CASE WHEN m.stage = 6 THEN COALESCE(c.synced_date, c.t) ELSE c.t END AS stage_date, c.owner_id AS owner_id, c.source_stage <> m.stage AS inferred
FROM cands AS c JOIN stage_map AS m ON m.object = c.object AND m.source_stage = c.source_stage
QUALIFY ROW_NUMBER() OVER (PARTITION BY c.object, c.record_id, m.stage ORDER BY (epoch_us(c.t) * 100 + c.source_stage * 10 + c.source_rank), c.owner_id NULLS LAST, c.source_id) = 1