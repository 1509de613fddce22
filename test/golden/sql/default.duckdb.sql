-- Stagecraft stage-stamp views (SPEC §4) for duckdb.
-- Journey: Default sales journey
-- Verified by Stagecraft's tests: executed on DuckDB (embedded, @duckdb/node-api).
-- Generated code: edit the .stages file and recompile instead. Re-runnable.

CREATE OR REPLACE VIEW "stage_journeys" AS
SELECT
  engagement."Id" AS journey_id,
  NULLIF(engagement."OwnerId", '') AS owner_id,
  date_trunc('millisecond', engagement."CreatedDate") AS created_at,
  date_trunc('millisecond', engagement."CompletionDate") AS completed_at,
  NULLIF(engagement."LeadId", '') AS lead_id,
  NULLIF(engagement."ContactId", '') AS contact_id
FROM
  "engagement" AS engagement
WHERE
  engagement."RecordType" = 'Activation';

CREATE OR REPLACE VIEW "stage_opportunity_candidates" AS
SELECT
  grouped.opportunity_id AS opportunity_id,
  grouped.agg_1 AS journey_id,
  grouped.agg_2 AS stage4_t,
  grouped.agg_3 AS stage4_owner_id,
  grouped.agg_4 AS stage5_t,
  grouped.agg_5 AS stage5_owner_id,
  grouped.agg_6 AS stage6_t,
  grouped.agg_7 AS stage6_owner_id,
  CAST(grouped.agg_8 AS TIMESTAMP) AS synced_date
FROM
  (
    SELECT
      ranked.opportunity_id AS opportunity_id,
      arg_min_null(ranked.journey_id, ranked.t) AS agg_1,
      min(ranked.t) AS agg_2,
      arg_min_null(ranked.owner_id, ranked.t) AS agg_3,
      min(ranked.t) FILTER(
        WHERE
          ranked.meets5
      ) AS agg_4,
      arg_min_null(ranked.owner_id, ranked.t) FILTER(
        WHERE
          ranked.meets5
      ) AS agg_5,
      min(ranked.t) FILTER(
        WHERE
          ranked.meets6
      ) AS agg_6,
      arg_min_null(ranked.owner_id, ranked.t) FILTER(
        WHERE
          ranked.meets6
      ) AS agg_7,
      arg_max_null(ranked.sync_value, ranked.t) AS agg_8
    FROM
      (
        SELECT
          opportunity."Id" AS opportunity_id,
          date_trunc('millisecond', opportunity."valid_from") AS t,
          NULLIF(opportunity."OwnerId", '') AS owner_id,
          NULLIF(opportunity."ActivationId", '') AS journey_id,
          COALESCE(opportunity."Probability" > 0, FALSE) AS meets5,
          COALESCE(opportunity."IsWon", FALSE) AS meets6,
          opportunity."CloseDate" AS sync_value
        FROM
          "opportunity" AS opportunity
      ) AS ranked
    GROUP BY
      ranked.opportunity_id
  ) AS grouped;

CREATE OR REPLACE VIEW "stage_person_candidates" AS
SELECT
  person."CurrentActivationId" AS journey_id,
  date_trunc('millisecond', person."valid_from") AS t,
  0 AS source_rank,
  NULLIF(person."OwnerId", '') AS owner_id,
  CAST(NULL AS VARCHAR) AS source_id,
  COALESCE(person."Status" IN ('Open', 'Routed'), FALSE) AS meets2,
  COALESCE(person."Status" = 'Working', FALSE) AS meets3,
  FALSE AS opportunity_origin
FROM
  "contact" AS person
UNION ALL
SELECT
  person."CurrentActivationId" AS journey_id,
  date_trunc('millisecond', person."valid_from") AS t,
  1 AS source_rank,
  NULLIF(person."OwnerId", '') AS owner_id,
  CAST(NULL AS VARCHAR) AS source_id,
  COALESCE(person."Status" IN ('Open', 'Routed'), FALSE) AS meets2,
  COALESCE(person."Status" = 'Working', FALSE) AS meets3,
  FALSE AS opportunity_origin
FROM
  "lead" AS person;

CREATE OR REPLACE VIEW "stage_engagement_candidates" AS
SELECT
  grouped.journey_id AS journey_id,
  struct_extract(grouped.agg_1, 'v_t') AS stage2_t,
  CASE
    WHEN struct_extract(grouped.agg_1, 'packed') % 2 <> 0 THEN NULL
    ELSE struct_extract(grouped.agg_1, 'k0')
  END AS stage2_owner_id,
  struct_extract(grouped.agg_2, 'v_t') AS stage3_t,
  CASE
    WHEN struct_extract(grouped.agg_2, 'packed') % 2 <> 0 THEN NULL
    ELSE struct_extract(grouped.agg_2, 'k0')
  END AS stage3_owner_id,
  struct_extract(grouped.agg_3, 'v_source_id') AS primary_opportunity_id,
  struct_extract(grouped.agg_3, 'k0') AS stage4_t,
  struct_extract(grouped.agg_3, 'v_owner_id') AS stage4_owner_id
FROM
  (
    SELECT
      ranked.journey_id AS journey_id,
      min(ranked.pick_1) FILTER(
        WHERE
          ranked.meets2
      ) AS agg_1,
      min(ranked.pick_1) FILTER(
        WHERE
          ranked.meets3
      ) AS agg_2,
      min(ranked.pick_2) FILTER(
        WHERE
          ranked.opportunity_origin
      ) AS agg_3
    FROM
      (
        SELECT
          given.*,
          {
            'packed': (epoch_us(given.t) * 2 + given.source_rank) * 2 + CASE
              WHEN given.owner_id IS NULL THEN 1
              ELSE 0
            END,
            'k0': COALESCE(given.owner_id, ''),
            'v_t': given.t
          } AS pick_1,
          {
            'k0': given.t,
            'k1': COALESCE(given.source_id, ''),
            'v_source_id': given.source_id,
            'v_owner_id': given.owner_id
          } AS pick_2
        FROM
          (
            SELECT
              journey.journey_id AS journey_id,
              candidate.t AS t,
              candidate.source_rank AS source_rank,
              candidate.owner_id AS owner_id,
              candidate.source_id AS source_id,
              candidate.meets2 AS meets2,
              candidate.meets3 AS meets3,
              candidate.opportunity_origin AS opportunity_origin
            FROM
              (
                SELECT
                  person.journey_id AS journey_id,
                  person.t AS t,
                  person.source_rank AS source_rank,
                  person.owner_id AS owner_id,
                  person.source_id AS source_id,
                  person.meets2 AS meets2,
                  person.meets3 AS meets3,
                  person.opportunity_origin AS opportunity_origin
                FROM
                  "stage_person_candidates" AS person
                UNION ALL
                SELECT
                  opportunity.journey_id AS journey_id,
                  opportunity.stage4_t AS t,
                  2 AS source_rank,
                  opportunity.stage4_owner_id AS owner_id,
                  opportunity.opportunity_id AS source_id,
                  FALSE AS meets2,
                  FALSE AS meets3,
                  TRUE AS opportunity_origin
                FROM
                  "stage_opportunity_candidates" AS opportunity
              ) AS candidate
              JOIN "stage_journeys" AS journey ON journey.journey_id = candidate.journey_id
              AND journey.created_at <= candidate.t
              AND (
                journey.completed_at IS NULL
                OR candidate.t < journey.completed_at
              )
            WHERE
              candidate.meets2
              OR candidate.meets3
              OR candidate.opportunity_origin
          ) AS given
      ) AS ranked
    GROUP BY
      ranked.journey_id
  ) AS grouped;

CREATE OR REPLACE VIEW "stage_stamps" AS
WITH
  opportunity_candidates AS MATERIALIZED (
    SELECT
      *
    FROM
      "stage_opportunity_candidates"
  ),
  engagement_candidates AS (
    SELECT
      grouped.journey_id AS journey_id,
      struct_extract(grouped.agg_1, 'v_t') AS stage2_t,
      CASE
        WHEN struct_extract(grouped.agg_1, 'packed') % 2 <> 0 THEN NULL
        ELSE struct_extract(grouped.agg_1, 'k0')
      END AS stage2_owner_id,
      struct_extract(grouped.agg_2, 'v_t') AS stage3_t,
      CASE
        WHEN struct_extract(grouped.agg_2, 'packed') % 2 <> 0 THEN NULL
        ELSE struct_extract(grouped.agg_2, 'k0')
      END AS stage3_owner_id,
      struct_extract(grouped.agg_3, 'v_source_id') AS primary_opportunity_id,
      struct_extract(grouped.agg_3, 'k0') AS stage4_t,
      struct_extract(grouped.agg_3, 'v_owner_id') AS stage4_owner_id
    FROM
      (
        SELECT
          ranked.journey_id AS journey_id,
          min(ranked.pick_1) FILTER(
            WHERE
              ranked.meets2
          ) AS agg_1,
          min(ranked.pick_1) FILTER(
            WHERE
              ranked.meets3
          ) AS agg_2,
          min(ranked.pick_2) FILTER(
            WHERE
              ranked.opportunity_origin
          ) AS agg_3
        FROM
          (
            SELECT
              given.*,
              {
                'packed': (epoch_us(given.t) * 2 + given.source_rank) * 2 + CASE
                  WHEN given.owner_id IS NULL THEN 1
                  ELSE 0
                END,
                'k0': COALESCE(given.owner_id, ''),
                'v_t': given.t
              } AS pick_1,
              {
                'k0': given.t,
                'k1': COALESCE(given.source_id, ''),
                'v_source_id': given.source_id,
                'v_owner_id': given.owner_id
              } AS pick_2
            FROM
              (
                SELECT
                  journey.journey_id AS journey_id,
                  candidate.t AS t,
                  candidate.source_rank AS source_rank,
                  candidate.owner_id AS owner_id,
                  candidate.source_id AS source_id,
                  candidate.meets2 AS meets2,
                  candidate.meets3 AS meets3,
                  candidate.opportunity_origin AS opportunity_origin
                FROM
                  (
                    SELECT
                      person.journey_id AS journey_id,
                      person.t AS t,
                      person.source_rank AS source_rank,
                      person.owner_id AS owner_id,
                      person.source_id AS source_id,
                      person.meets2 AS meets2,
                      person.meets3 AS meets3,
                      person.opportunity_origin AS opportunity_origin
                    FROM
                      "stage_person_candidates" AS person
                    UNION ALL
                    SELECT
                      opportunity.journey_id AS journey_id,
                      opportunity.stage4_t AS t,
                      2 AS source_rank,
                      opportunity.stage4_owner_id AS owner_id,
                      opportunity.opportunity_id AS source_id,
                      FALSE AS meets2,
                      FALSE AS meets3,
                      TRUE AS opportunity_origin
                    FROM
                      opportunity_candidates AS opportunity
                  ) AS candidate
                  JOIN "stage_journeys" AS journey ON journey.journey_id = candidate.journey_id
                  AND journey.created_at <= candidate.t
                  AND (
                    journey.completed_at IS NULL
                    OR candidate.t < journey.completed_at
                  )
                WHERE
                  candidate.meets2
                  OR candidate.meets3
                  OR candidate.opportunity_origin
              ) AS given
          ) AS ranked
        GROUP BY
          ranked.journey_id
      ) AS grouped
  )
SELECT
  'engagement' AS object,
  journey.journey_id AS record_id,
  1 AS stage,
  'Activation' AS label,
  journey.created_at AS stage_date,
  journey.owner_id AS owner_id,
  FALSE AS inferred
FROM
  "stage_journeys" AS journey
UNION ALL
SELECT
  'engagement' AS object,
  stamp.record_id AS record_id,
  stamp.stage AS stage,
  stamp.label AS label,
  CASE stamp.source_stage
    WHEN 2 THEN stamp.stage2_t
    WHEN 3 THEN stamp.stage3_t
    WHEN 4 THEN stamp.stage4_t
  END AS stage_date,
  CASE stamp.source_stage
    WHEN 2 THEN stamp.stage2_owner_id
    WHEN 3 THEN stamp.stage3_owner_id
    WHEN 4 THEN stamp.stage4_owner_id
  END AS owner_id,
  stamp.source_stage <> stamp.stage AS inferred
FROM
  (
    SELECT
      candidates.journey_id AS record_id,
      candidates.stage2_t AS stage2_t,
      candidates.stage2_owner_id AS stage2_owner_id,
      candidates.stage3_t AS stage3_t,
      candidates.stage3_owner_id AS stage3_owner_id,
      candidates.stage4_t AS stage4_t,
      candidates.stage4_owner_id AS stage4_owner_id,
      stage_list.stage AS stage,
      stage_list.label AS label,
      CASE stage_list.stage
        WHEN 2 THEN CASE
          WHEN candidates.stage2_t IS NOT NULL
          AND (
            candidates.stage3_t IS NULL
            OR candidates.stage2_t <= candidates.stage3_t
          )
          AND (
            candidates.stage4_t IS NULL
            OR candidates.stage2_t <= candidates.stage4_t
          ) THEN 2
          WHEN candidates.stage3_t IS NOT NULL
          AND (
            candidates.stage4_t IS NULL
            OR candidates.stage3_t <= candidates.stage4_t
          ) THEN 3
          WHEN candidates.stage4_t IS NOT NULL THEN 4
        END
        WHEN 3 THEN CASE
          WHEN candidates.stage3_t IS NOT NULL
          AND (
            candidates.stage4_t IS NULL
            OR candidates.stage3_t <= candidates.stage4_t
          ) THEN 3
          WHEN candidates.stage4_t IS NOT NULL THEN 4
        END
      END AS source_stage
    FROM
      engagement_candidates AS candidates
      CROSS JOIN (
        SELECT
          2 AS stage,
          'MQL' AS label
        UNION ALL
        SELECT
          3 AS stage,
          'SAL' AS label
      ) AS stage_list
  ) AS stamp
WHERE
  stamp.source_stage IS NOT NULL
UNION ALL
SELECT
  'opportunity' AS object,
  stamp.record_id AS record_id,
  stamp.stage AS stage,
  stamp.label AS label,
  CASE stamp.source_stage
    WHEN 4 THEN stamp.stage4_t
    WHEN 5 THEN stamp.stage5_t
    WHEN 6 THEN CASE
      WHEN stamp.stage = 6 THEN COALESCE(stamp.synced_date, stamp.stage6_t)
      ELSE stamp.stage6_t
    END
  END AS stage_date,
  CASE stamp.source_stage
    WHEN 4 THEN stamp.stage4_owner_id
    WHEN 5 THEN stamp.stage5_owner_id
    WHEN 6 THEN stamp.stage6_owner_id
  END AS owner_id,
  stamp.source_stage <> stamp.stage AS inferred
FROM
  (
    SELECT
      candidates.opportunity_id AS record_id,
      candidates.stage4_t AS stage4_t,
      candidates.stage4_owner_id AS stage4_owner_id,
      candidates.stage5_t AS stage5_t,
      candidates.stage5_owner_id AS stage5_owner_id,
      candidates.stage6_t AS stage6_t,
      candidates.stage6_owner_id AS stage6_owner_id,
      candidates.synced_date AS synced_date,
      stage_list.stage AS stage,
      stage_list.label AS label,
      CASE stage_list.stage
        WHEN 4 THEN CASE
          WHEN candidates.stage4_t IS NOT NULL
          AND (
            candidates.stage5_t IS NULL
            OR candidates.stage4_t <= candidates.stage5_t
          )
          AND (
            candidates.stage6_t IS NULL
            OR candidates.stage4_t <= candidates.stage6_t
          ) THEN 4
          WHEN candidates.stage5_t IS NOT NULL
          AND (
            candidates.stage6_t IS NULL
            OR candidates.stage5_t <= candidates.stage6_t
          ) THEN 5
          WHEN candidates.stage6_t IS NOT NULL THEN 6
        END
        WHEN 5 THEN CASE
          WHEN candidates.stage5_t IS NOT NULL
          AND (
            candidates.stage6_t IS NULL
            OR candidates.stage5_t <= candidates.stage6_t
          ) THEN 5
          WHEN candidates.stage6_t IS NOT NULL THEN 6
        END
        WHEN 6 THEN CASE
          WHEN candidates.stage6_t IS NOT NULL THEN 6
        END
      END AS source_stage
    FROM
      opportunity_candidates AS candidates
      CROSS JOIN (
        SELECT
          4 AS stage,
          'Opportunity Created' AS label
        UNION ALL
        SELECT
          5 AS stage,
          'SQL' AS label
        UNION ALL
        SELECT
          6 AS stage,
          'Won' AS label
      ) AS stage_list
  ) AS stamp
WHERE
  stamp.source_stage IS NOT NULL;

CREATE OR REPLACE VIEW "engagement_stages" AS
WITH
  engagement_pivot AS (
    SELECT
      stamp.record_id,
      MAX(
        CASE
          WHEN stamp.stage = 1 THEN stamp.stage_date
        END
      ) AS stage1_date,
      MAX(
        CASE
          WHEN stamp.stage = 1 THEN stamp.owner_id
        END
      ) AS stage1_owner_id,
      MAX(
        CASE
          WHEN stamp.stage = 1 THEN CASE
            WHEN stamp.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage1_inferred,
      MAX(
        CASE
          WHEN stamp.stage = 2 THEN stamp.stage_date
        END
      ) AS stage2_date,
      MAX(
        CASE
          WHEN stamp.stage = 2 THEN stamp.owner_id
        END
      ) AS stage2_owner_id,
      MAX(
        CASE
          WHEN stamp.stage = 2 THEN CASE
            WHEN stamp.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage2_inferred,
      MAX(
        CASE
          WHEN stamp.stage = 3 THEN stamp.stage_date
        END
      ) AS stage3_date,
      MAX(
        CASE
          WHEN stamp.stage = 3 THEN stamp.owner_id
        END
      ) AS stage3_owner_id,
      MAX(
        CASE
          WHEN stamp.stage = 3 THEN CASE
            WHEN stamp.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage3_inferred
    FROM
      "stage_stamps" AS stamp
    WHERE
      stamp.object = 'engagement'
    GROUP BY
      stamp.record_id
  ),
  opportunity_pivot AS (
    SELECT
      stamp.record_id,
      MAX(
        CASE
          WHEN stamp.stage = 4 THEN stamp.stage_date
        END
      ) AS stage4_date,
      MAX(
        CASE
          WHEN stamp.stage = 4 THEN stamp.owner_id
        END
      ) AS stage4_owner_id,
      MAX(
        CASE
          WHEN stamp.stage = 4 THEN CASE
            WHEN stamp.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage4_inferred,
      MAX(
        CASE
          WHEN stamp.stage = 5 THEN stamp.stage_date
        END
      ) AS stage5_date,
      MAX(
        CASE
          WHEN stamp.stage = 5 THEN stamp.owner_id
        END
      ) AS stage5_owner_id,
      MAX(
        CASE
          WHEN stamp.stage = 5 THEN CASE
            WHEN stamp.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage5_inferred,
      MAX(
        CASE
          WHEN stamp.stage = 6 THEN stamp.stage_date
        END
      ) AS stage6_date,
      MAX(
        CASE
          WHEN stamp.stage = 6 THEN stamp.owner_id
        END
      ) AS stage6_owner_id,
      MAX(
        CASE
          WHEN stamp.stage = 6 THEN CASE
            WHEN stamp.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage6_inferred
    FROM
      "stage_stamps" AS stamp
    WHERE
      stamp.object = 'opportunity'
    GROUP BY
      stamp.record_id
  )
SELECT
  journey.journey_id AS engagement_id,
  journey.lead_id,
  journey.contact_id,
  engagement_stamps.stage1_date,
  engagement_stamps.stage1_owner_id,
  engagement_stamps.stage1_inferred,
  engagement_stamps.stage2_date,
  engagement_stamps.stage2_owner_id,
  engagement_stamps.stage2_inferred,
  engagement_stamps.stage3_date,
  engagement_stamps.stage3_owner_id,
  engagement_stamps.stage3_inferred,
  candidates.primary_opportunity_id AS primary_opportunity_id,
  opportunity_stamps.stage4_date,
  opportunity_stamps.stage4_owner_id,
  opportunity_stamps.stage4_inferred,
  opportunity_stamps.stage5_date,
  opportunity_stamps.stage5_owner_id,
  opportunity_stamps.stage5_inferred,
  opportunity_stamps.stage6_date,
  opportunity_stamps.stage6_owner_id,
  opportunity_stamps.stage6_inferred
FROM
  "stage_journeys" AS journey
  LEFT JOIN engagement_pivot AS engagement_stamps ON engagement_stamps.record_id = journey.journey_id
  LEFT JOIN "stage_engagement_candidates" AS candidates ON candidates.journey_id = journey.journey_id
  LEFT JOIN opportunity_pivot AS opportunity_stamps ON opportunity_stamps.record_id = candidates.primary_opportunity_id;

CREATE OR REPLACE VIEW "opportunity_stages" AS
WITH
  opportunity_pivot AS (
    SELECT
      stamp.record_id,
      MAX(
        CASE
          WHEN stamp.stage = 4 THEN stamp.stage_date
        END
      ) AS stage4_date,
      MAX(
        CASE
          WHEN stamp.stage = 4 THEN stamp.owner_id
        END
      ) AS stage4_owner_id,
      MAX(
        CASE
          WHEN stamp.stage = 4 THEN CASE
            WHEN stamp.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage4_inferred,
      MAX(
        CASE
          WHEN stamp.stage = 5 THEN stamp.stage_date
        END
      ) AS stage5_date,
      MAX(
        CASE
          WHEN stamp.stage = 5 THEN stamp.owner_id
        END
      ) AS stage5_owner_id,
      MAX(
        CASE
          WHEN stamp.stage = 5 THEN CASE
            WHEN stamp.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage5_inferred,
      MAX(
        CASE
          WHEN stamp.stage = 6 THEN stamp.stage_date
        END
      ) AS stage6_date,
      MAX(
        CASE
          WHEN stamp.stage = 6 THEN stamp.owner_id
        END
      ) AS stage6_owner_id,
      MAX(
        CASE
          WHEN stamp.stage = 6 THEN CASE
            WHEN stamp.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage6_inferred
    FROM
      "stage_stamps" AS stamp
    WHERE
      stamp.object = 'opportunity'
    GROUP BY
      stamp.record_id
  ),
  engagement_pivot AS (
    SELECT
      stamp.record_id,
      MAX(
        CASE
          WHEN stamp.stage = 1 THEN stamp.stage_date
        END
      ) AS stage1_date,
      MAX(
        CASE
          WHEN stamp.stage = 1 THEN stamp.owner_id
        END
      ) AS stage1_owner_id,
      MAX(
        CASE
          WHEN stamp.stage = 1 THEN CASE
            WHEN stamp.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage1_inferred,
      MAX(
        CASE
          WHEN stamp.stage = 2 THEN stamp.stage_date
        END
      ) AS stage2_date,
      MAX(
        CASE
          WHEN stamp.stage = 2 THEN stamp.owner_id
        END
      ) AS stage2_owner_id,
      MAX(
        CASE
          WHEN stamp.stage = 2 THEN CASE
            WHEN stamp.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage2_inferred,
      MAX(
        CASE
          WHEN stamp.stage = 3 THEN stamp.stage_date
        END
      ) AS stage3_date,
      MAX(
        CASE
          WHEN stamp.stage = 3 THEN stamp.owner_id
        END
      ) AS stage3_owner_id,
      MAX(
        CASE
          WHEN stamp.stage = 3 THEN CASE
            WHEN stamp.inferred THEN 1
            ELSE 0
          END
        END
      ) = 1 AS stage3_inferred
    FROM
      "stage_stamps" AS stamp
    WHERE
      stamp.object = 'engagement'
    GROUP BY
      stamp.record_id
  )
SELECT
  opportunity.opportunity_id,
  opportunity.journey_id,
  opportunity_stamps.stage4_date,
  opportunity_stamps.stage4_owner_id,
  opportunity_stamps.stage4_inferred,
  opportunity_stamps.stage5_date,
  opportunity_stamps.stage5_owner_id,
  opportunity_stamps.stage5_inferred,
  opportunity_stamps.stage6_date,
  opportunity_stamps.stage6_owner_id,
  opportunity_stamps.stage6_inferred,
  engagement_stamps.stage1_date,
  engagement_stamps.stage1_owner_id,
  engagement_stamps.stage1_inferred,
  engagement_stamps.stage2_date,
  engagement_stamps.stage2_owner_id,
  engagement_stamps.stage2_inferred,
  engagement_stamps.stage3_date,
  engagement_stamps.stage3_owner_id,
  engagement_stamps.stage3_inferred
FROM
  "stage_opportunity_candidates" AS opportunity
  LEFT JOIN opportunity_pivot AS opportunity_stamps ON opportunity_stamps.record_id = opportunity.opportunity_id
  LEFT JOIN engagement_pivot AS engagement_stamps ON engagement_stamps.record_id = opportunity.journey_id;

CREATE OR REPLACE VIEW "lead_stages" AS
SELECT
  person.lead_id,
  person.current_activation_id,
  journey.primary_opportunity_id,
  journey.stage1_date,
  journey.stage1_owner_id,
  journey.stage1_inferred,
  journey.stage2_date,
  journey.stage2_owner_id,
  journey.stage2_inferred,
  journey.stage3_date,
  journey.stage3_owner_id,
  journey.stage3_inferred,
  journey.stage4_date,
  journey.stage4_owner_id,
  journey.stage4_inferred,
  journey.stage5_date,
  journey.stage5_owner_id,
  journey.stage5_inferred,
  journey.stage6_date,
  journey.stage6_owner_id,
  journey.stage6_inferred
FROM
  (
    SELECT
      grouped.lead_id AS lead_id,
      grouped.agg_1 AS current_activation_id
    FROM
      (
        SELECT
          ranked.lead_id AS lead_id,
          arg_max_null(ranked.journey_id, ranked.t) AS agg_1
        FROM
          (
            SELECT
              person."Id" AS lead_id,
              date_trunc('millisecond', person."valid_from") AS t,
              person."CurrentActivationId" AS journey_id
            FROM
              "lead" AS person
          ) AS ranked
        GROUP BY
          ranked.lead_id
      ) AS grouped
  ) AS person
  LEFT JOIN "engagement_stages" AS journey ON journey.engagement_id = person.current_activation_id;

CREATE OR REPLACE VIEW "contact_stages" AS
SELECT
  person.contact_id,
  person.current_activation_id,
  journey.primary_opportunity_id,
  journey.stage1_date,
  journey.stage1_owner_id,
  journey.stage1_inferred,
  journey.stage2_date,
  journey.stage2_owner_id,
  journey.stage2_inferred,
  journey.stage3_date,
  journey.stage3_owner_id,
  journey.stage3_inferred,
  journey.stage4_date,
  journey.stage4_owner_id,
  journey.stage4_inferred,
  journey.stage5_date,
  journey.stage5_owner_id,
  journey.stage5_inferred,
  journey.stage6_date,
  journey.stage6_owner_id,
  journey.stage6_inferred
FROM
  (
    SELECT
      grouped.contact_id AS contact_id,
      grouped.agg_1 AS current_activation_id
    FROM
      (
        SELECT
          ranked.contact_id AS contact_id,
          arg_max_null(ranked.journey_id, ranked.t) AS agg_1
        FROM
          (
            SELECT
              person."Id" AS contact_id,
              date_trunc('millisecond', person."valid_from") AS t,
              person."CurrentActivationId" AS journey_id
            FROM
              "contact" AS person
          ) AS ranked
        GROUP BY
          ranked.contact_id
      ) AS grouped
  ) AS person
  LEFT JOIN "engagement_stages" AS journey ON journey.engagement_id = person.current_activation_id;
