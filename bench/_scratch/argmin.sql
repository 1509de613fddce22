WITH
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
SELECT object, record_id, stage, label,
  CASE WHEN stage = 6 THEN COALESCE(w.synced_date, w.t) ELSE w.t END AS stage_date,
  w.owner_id AS owner_id, w.source_stage <> stage AS inferred
FROM (
  SELECT m.object AS object, c.record_id AS record_id, m.stage AS stage, m.label AS label,
    arg_min(struct_pack(t := c.t, source_stage := c.source_stage, owner_id := c.owner_id, synced_date := c.synced_date),
            struct_pack(t := c.t, s := c.source_stage, r := c.source_rank, n := c.owner_id IS NULL, o := COALESCE(c.owner_id, ''), i := c.source_id)) AS w
  FROM "stage_candidates" AS c JOIN stage_map AS m ON m.object = c.object AND m.source_stage = c.source_stage
  GROUP BY ALL
)