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
SELECT DISTINCT ON (m.object, c.record_id, m.stage)
  m.object AS object, c.record_id AS record_id, m.stage AS stage, m.label AS label,
  CASE WHEN m.stage = 6 THEN COALESCE(c.synced_date, c.t) ELSE c.t END AS stage_date,
  c.owner_id AS owner_id, c.source_stage <> m.stage AS inferred
FROM "stage_candidates" AS c JOIN stage_map AS m ON m.object = c.object AND m.source_stage = c.source_stage
ORDER BY m.object, c.record_id, m.stage, c.t, c.source_stage, c.source_rank, c.owner_id NULLS LAST, c.source_id