-- Stagecraft stage-stamp views (SPEC §4) for redshift.
-- Journey: Every operator
-- Generated code: edit the .stages file and recompile instead. Re-runnable.

CREATE OR REPLACE VIEW "analytics"."sc_stage_journeys" AS
SELECT
  e."Id" AS journey_id,
  e."OwnerId" AS owner_id,
  e."CreatedDate" AS created_at,
  e."CompletionDate" AS completed_at,
  e."LeadId" AS lead_id,
  e."ContactId" AS contact_id
FROM
  "engagement" AS e
WHERE
  e."RecordType" = 'Activation';

CREATE OR REPLACE VIEW "analytics"."sc_stage_opportunity_origins" AS
SELECT
  ranked.opportunity_id,
  ranked.journey_id,
  ranked.created_at,
  ranked.owner_id,
  ranked.synced_date
FROM
  (
    SELECT
      o."Id" AS opportunity_id,
      o."ActivationId" AS journey_id,
      o."valid_from" AS created_at,
      o."OwnerId" AS owner_id,
      CAST(
        FIRST_VALUE(o."CloseDate") OVER (
          PARTITION BY
            o."Id"
          ORDER BY
            o."valid_from" DESC
        ) AS TIMESTAMP
      ) AS synced_date,
      ROW_NUMBER() OVER (
        PARTITION BY
          o."Id"
        ORDER BY
          o."valid_from"
      ) AS row_num
    FROM
      "opportunity" AS o
  ) AS ranked
WHERE
  ranked.row_num = 1;

CREATE OR REPLACE VIEW "analytics"."sc_stage_primary_opportunities" AS
SELECT
  ranked.journey_id,
  ranked.opportunity_id,
  ranked.t,
  ranked.owner_id
FROM
  (
    SELECT
      j.journey_id AS journey_id,
      o.opportunity_id AS opportunity_id,
      o.created_at AS t,
      o.owner_id AS owner_id,
      ROW_NUMBER() OVER (
        PARTITION BY
          j.journey_id
        ORDER BY
          o.created_at,
          o.opportunity_id
      ) AS row_num
    FROM
      "analytics"."sc_stage_opportunity_origins" AS o
      JOIN "analytics"."sc_stage_journeys" AS j ON j.journey_id = o.journey_id
      AND j.created_at <= o.created_at
      AND (
        j.completed_at IS NULL
        OR o.created_at < j.completed_at
      )
  ) AS ranked
WHERE
  ranked.row_num = 1;

CREATE OR REPLACE VIEW "analytics"."sc_stage_candidates" AS
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
  "analytics"."sc_stage_journeys" AS j
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
      (
        NOT (
          COALESCE(
            STRPOS(';' || v."Interests" || ';', ';Security;') > 0,
            FALSE
          )
        )
        AND v."Title" IS NOT NULL
        AND COALESCE(STRPOS(v."Title", v."Email") > 0, FALSE)
        AND COALESCE(v."Score" <= 0.1, FALSE)
      )
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
      (
        NOT COALESCE(v."Status" = 'It''s \\ -- ; "quoted"', FALSE)
        OR COALESCE(v."AnnualRevenue" >= 1e21, FALSE)
        OR COALESCE(v."Score" < (-2.5), FALSE)
        OR (
          (
            v."OwnerId" IS NULL
            AND v."ConvertedContactId" IS NULL
          )
          OR COALESCE(v."OwnerId" = v."ConvertedContactId", FALSE)
        )
        OR NOT (
          (
            v."OwnerId" IS NULL
            AND v."CurrentActivationId" IS NULL
          )
          OR COALESCE(v."OwnerId" = v."CurrentActivationId", FALSE)
        )
        OR NOT (
          COALESCE(v."Industry" IN ('Retail', 'Other'), FALSE)
        )
        OR v."Country" IS NULL
        OR (
          COALESCE(STRPOS(v."Email", '50%_off') > 0, FALSE)
          AND COALESCE(
            LEFT(v."Email", LEN('é')) = 'é',
            FALSE
          )
          AND COALESCE(
            RIGHT(v."Email", LEN('.com')) = '.com',
            FALSE
          )
        )
        OR (
          (
            COALESCE(
              STRPOS(';' || v."Interests" || ';', ';AI;') > 0,
              FALSE
            )
            AND COALESCE(
              STRPOS(';' || v."Interests" || ';', ';Cloud;') > 0,
              FALSE
            )
          )
          OR COALESCE(
            STRPOS(';' || v."Interests" || ';', ';Data;') > 0,
            FALSE
          )
        )
        OR NOT (COALESCE(v."IsConverted", FALSE))
      )
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
  JOIN "analytics"."sc_stage_journeys" AS j ON j.journey_id = p.journey_id
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
  "analytics"."sc_stage_primary_opportunities" AS po
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
  "analytics"."sc_stage_opportunity_origins" AS oo
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
  (
    COALESCE(v."CloseDate" > DATE '2025-01-31', FALSE)
    OR COALESCE(v."Amount" > 0, FALSE)
    OR COALESCE(v."StageName" IN ('Proposal', 'Negotiation'), FALSE)
  )
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
  JOIN "analytics"."sc_stage_opportunity_origins" AS oo ON oo.opportunity_id = v."Id"
WHERE
  COALESCE(v."IsWon" = TRUE, FALSE);

CREATE OR REPLACE VIEW "analytics"."sc_stage_stamps" AS
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
      'Routed' AS label
    UNION ALL
    SELECT
      'engagement' AS object,
      3 AS source_stage,
      2 AS stage,
      'Routed' AS label
    UNION ALL
    SELECT
      'engagement' AS object,
      4 AS source_stage,
      2 AS stage,
      'Routed' AS label
    UNION ALL
    SELECT
      'engagement' AS object,
      3 AS source_stage,
      3 AS stage,
      'Accepted' AS label
    UNION ALL
    SELECT
      'engagement' AS object,
      4 AS source_stage,
      3 AS stage,
      'Accepted' AS label
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
      'Pipeline' AS label
    UNION ALL
    SELECT
      'opportunity' AS object,
      6 AS source_stage,
      5 AS stage,
      'Pipeline' AS label
    UNION ALL
    SELECT
      'opportunity' AS object,
      6 AS source_stage,
      6 AS stage,
      'Won' AS label
  ),
  stage_best AS (
    SELECT
      ranked.object,
      ranked.record_id,
      ranked.source_stage,
      ranked.t,
      ranked.owner_id,
      ranked.synced_date
    FROM
      (
        SELECT
          c.object AS object,
          c.record_id AS record_id,
          c.source_stage AS source_stage,
          c.t AS t,
          c.owner_id AS owner_id,
          c.synced_date AS synced_date,
          ROW_NUMBER() OVER (
            PARTITION BY
              c.object,
              c.record_id,
              c.source_stage
            ORDER BY
              c.t,
              c.source_rank,
              c.owner_id NULLS LAST,
              c.source_id
          ) AS row_num
        FROM
          "analytics"."sc_stage_candidates" AS c
      ) AS ranked
    WHERE
      ranked.row_num = 1
  )
SELECT
  ranked.object,
  ranked.record_id,
  ranked.stage,
  ranked.label,
  ranked.stage_date,
  ranked.owner_id,
  ranked.inferred
FROM
  (
    SELECT
      b.object AS object,
      b.record_id AS record_id,
      m.stage AS stage,
      m.label AS label,
      CASE
        WHEN m.stage = 6 THEN COALESCE(b.synced_date, b.t)
        ELSE b.t
      END AS stage_date,
      b.owner_id AS owner_id,
      b.source_stage <> m.stage AS inferred,
      ROW_NUMBER() OVER (
        PARTITION BY
          b.object,
          b.record_id,
          m.stage,
          m.label
        ORDER BY
          b.t,
          b.source_stage
      ) AS row_num
    FROM
      stage_best AS b
      JOIN stage_map AS m ON m.object = b.object
      AND m.source_stage = b.source_stage
  ) AS ranked
WHERE
  ranked.row_num = 1;

CREATE OR REPLACE VIEW "analytics"."sc_engagement_stages" AS
WITH
  engagement_pivot AS (
    SELECT
      s.record_id,
      MAX(
        CASE
          WHEN s.stage = 1 THEN s.stage_date
        END
      ) AS stage1_date,
      MAX(
        CASE
          WHEN s.stage = 1 THEN s.owner_id
        END
      ) AS stage1_owner_id,
      MAX(
        CASE
          WHEN s.stage = 1 THEN CASE
            WHEN s.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage1_inferred,
      MAX(
        CASE
          WHEN s.stage = 2 THEN s.stage_date
        END
      ) AS stage2_date,
      MAX(
        CASE
          WHEN s.stage = 2 THEN s.owner_id
        END
      ) AS stage2_owner_id,
      MAX(
        CASE
          WHEN s.stage = 2 THEN CASE
            WHEN s.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage2_inferred,
      MAX(
        CASE
          WHEN s.stage = 3 THEN s.stage_date
        END
      ) AS stage3_date,
      MAX(
        CASE
          WHEN s.stage = 3 THEN s.owner_id
        END
      ) AS stage3_owner_id,
      MAX(
        CASE
          WHEN s.stage = 3 THEN CASE
            WHEN s.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage3_inferred
    FROM
      "analytics"."sc_stage_stamps" AS s
    WHERE
      s.object = 'engagement'
    GROUP BY
      s.record_id
  ),
  opportunity_pivot AS (
    SELECT
      s.record_id,
      MAX(
        CASE
          WHEN s.stage = 4 THEN s.stage_date
        END
      ) AS stage4_date,
      MAX(
        CASE
          WHEN s.stage = 4 THEN s.owner_id
        END
      ) AS stage4_owner_id,
      MAX(
        CASE
          WHEN s.stage = 4 THEN CASE
            WHEN s.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage4_inferred,
      MAX(
        CASE
          WHEN s.stage = 5 THEN s.stage_date
        END
      ) AS stage5_date,
      MAX(
        CASE
          WHEN s.stage = 5 THEN s.owner_id
        END
      ) AS stage5_owner_id,
      MAX(
        CASE
          WHEN s.stage = 5 THEN CASE
            WHEN s.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage5_inferred,
      MAX(
        CASE
          WHEN s.stage = 6 THEN s.stage_date
        END
      ) AS stage6_date,
      MAX(
        CASE
          WHEN s.stage = 6 THEN s.owner_id
        END
      ) AS stage6_owner_id,
      MAX(
        CASE
          WHEN s.stage = 6 THEN CASE
            WHEN s.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage6_inferred
    FROM
      "analytics"."sc_stage_stamps" AS s
    WHERE
      s.object = 'opportunity'
    GROUP BY
      s.record_id
  )
SELECT
  j.journey_id AS engagement_id,
  j.lead_id,
  j.contact_id,
  ep.stage1_date,
  ep.stage1_owner_id,
  ep.stage1_inferred,
  ep.stage2_date,
  ep.stage2_owner_id,
  ep.stage2_inferred,
  ep.stage3_date,
  ep.stage3_owner_id,
  ep.stage3_inferred,
  po.opportunity_id AS primary_opportunity_id,
  op.stage4_date,
  op.stage4_owner_id,
  op.stage4_inferred,
  op.stage5_date,
  op.stage5_owner_id,
  op.stage5_inferred,
  op.stage6_date,
  op.stage6_owner_id,
  op.stage6_inferred
FROM
  "analytics"."sc_stage_journeys" AS j
  LEFT JOIN engagement_pivot AS ep ON ep.record_id = j.journey_id
  LEFT JOIN "analytics"."sc_stage_primary_opportunities" AS po ON po.journey_id = j.journey_id
  LEFT JOIN opportunity_pivot AS op ON op.record_id = po.opportunity_id;

CREATE OR REPLACE VIEW "analytics"."sc_opportunity_stages" AS
WITH
  opportunity_pivot AS (
    SELECT
      s.record_id,
      MAX(
        CASE
          WHEN s.stage = 4 THEN s.stage_date
        END
      ) AS stage4_date,
      MAX(
        CASE
          WHEN s.stage = 4 THEN s.owner_id
        END
      ) AS stage4_owner_id,
      MAX(
        CASE
          WHEN s.stage = 4 THEN CASE
            WHEN s.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage4_inferred,
      MAX(
        CASE
          WHEN s.stage = 5 THEN s.stage_date
        END
      ) AS stage5_date,
      MAX(
        CASE
          WHEN s.stage = 5 THEN s.owner_id
        END
      ) AS stage5_owner_id,
      MAX(
        CASE
          WHEN s.stage = 5 THEN CASE
            WHEN s.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage5_inferred,
      MAX(
        CASE
          WHEN s.stage = 6 THEN s.stage_date
        END
      ) AS stage6_date,
      MAX(
        CASE
          WHEN s.stage = 6 THEN s.owner_id
        END
      ) AS stage6_owner_id,
      MAX(
        CASE
          WHEN s.stage = 6 THEN CASE
            WHEN s.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage6_inferred
    FROM
      "analytics"."sc_stage_stamps" AS s
    WHERE
      s.object = 'opportunity'
    GROUP BY
      s.record_id
  )
SELECT
  oo.opportunity_id,
  oo.journey_id,
  op.stage4_date,
  op.stage4_owner_id,
  op.stage4_inferred,
  op.stage5_date,
  op.stage5_owner_id,
  op.stage5_inferred,
  op.stage6_date,
  op.stage6_owner_id,
  op.stage6_inferred
FROM
  "analytics"."sc_stage_opportunity_origins" AS oo
  LEFT JOIN opportunity_pivot AS op ON op.record_id = oo.opportunity_id;
