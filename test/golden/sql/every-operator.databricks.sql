-- Stagecraft stage-stamp views (SPEC §4) for databricks.
-- Journey: Every operator
-- Generated code: edit the .stages file and recompile instead. Re-runnable.

CREATE OR REPLACE VIEW `analytics`.`sc_stage_journeys` AS
SELECT
  e.`Id` AS journey_id,
  NULLIF(e.`OwnerId`, '') AS owner_id,
  (
    e.`CreatedDate` - make_dt_interval(
      0,
      0,
      0,
      MOD(
        EXTRACT(
          SECOND
          FROM
            e.`CreatedDate`
        ),
        0.001
      )
    )
  ) AS created_at,
  (
    e.`CompletionDate` - make_dt_interval(
      0,
      0,
      0,
      MOD(
        EXTRACT(
          SECOND
          FROM
            e.`CompletionDate`
        ),
        0.001
      )
    )
  ) AS completed_at,
  NULLIF(e.`LeadId`, '') AS lead_id,
  NULLIF(e.`ContactId`, '') AS contact_id
FROM
  `engagement` AS e
WHERE
  e.`RecordType` = 'Activation';

CREATE OR REPLACE VIEW `analytics`.`sc_stage_opportunity_candidates` AS
SELECT
  g.opportunity_id AS opportunity_id,
  g.agg_1 AS journey_id,
  g.agg_2 AS stage4_t,
  g.agg_3 AS stage4_owner_id,
  g.agg_4 AS stage5_t,
  g.agg_5 AS stage5_owner_id,
  g.agg_6 AS stage6_t,
  g.agg_7 AS stage6_owner_id,
  CAST(g.agg_8 AS TIMESTAMP) AS synced_date
FROM
  (
    SELECT
      c.opportunity_id AS opportunity_id,
      MAX(
        CASE
          WHEN c.pick_1 = 1 THEN c.journey_id
        END
      ) AS agg_1,
      MAX(
        CASE
          WHEN c.pick_1 = 1 THEN c.t
        END
      ) AS agg_2,
      MAX(
        CASE
          WHEN c.pick_1 = 1 THEN c.owner_id
        END
      ) AS agg_3,
      MAX(
        CASE
          WHEN c.pick_2 = 1
          AND c.meets5 THEN c.t
        END
      ) AS agg_4,
      MAX(
        CASE
          WHEN c.pick_2 = 1
          AND c.meets5 THEN c.owner_id
        END
      ) AS agg_5,
      MAX(
        CASE
          WHEN c.pick_3 = 1
          AND c.meets6 THEN c.t
        END
      ) AS agg_6,
      MAX(
        CASE
          WHEN c.pick_3 = 1
          AND c.meets6 THEN c.owner_id
        END
      ) AS agg_7,
      MAX(
        CASE
          WHEN c.pick_4 = 1 THEN c.sync_value
        END
      ) AS agg_8
    FROM
      (
        SELECT
          w.*,
          ROW_NUMBER() OVER (
            PARTITION BY
              w.opportunity_id
            ORDER BY
              w.t
          ) AS pick_1,
          ROW_NUMBER() OVER (
            PARTITION BY
              w.opportunity_id
            ORDER BY
              CASE
                WHEN w.meets5 THEN 0
                ELSE 1
              END,
              w.t
          ) AS pick_2,
          ROW_NUMBER() OVER (
            PARTITION BY
              w.opportunity_id
            ORDER BY
              CASE
                WHEN w.meets6 THEN 0
                ELSE 1
              END,
              w.t
          ) AS pick_3,
          ROW_NUMBER() OVER (
            PARTITION BY
              w.opportunity_id
            ORDER BY
              w.t DESC
          ) AS pick_4
        FROM
          (
            SELECT
              o.`Id` AS opportunity_id,
              (
                o.`valid_from` - make_dt_interval(
                  0,
                  0,
                  0,
                  MOD(
                    EXTRACT(
                      SECOND
                      FROM
                        o.`valid_from`
                    ),
                    0.001
                  )
                )
              ) AS t,
              NULLIF(o.`OwnerId`, '') AS owner_id,
              NULLIF(o.`ActivationId`, '') AS journey_id,
              (
                COALESCE(o.`CloseDate` > DATE '2025-01-31', FALSE)
                OR COALESCE(o.`Amount` > 0, FALSE)
                OR COALESCE(o.`StageName` IN ('Proposal', 'Negotiation'), FALSE)
              ) AS meets5,
              COALESCE(o.`IsWon` = TRUE, FALSE) AS meets6,
              o.`CloseDate` AS sync_value
            FROM
              `opportunity` AS o
          ) AS w
      ) AS c
    GROUP BY
      c.opportunity_id
  ) AS g;

CREATE OR REPLACE VIEW `analytics`.`sc_stage_person_candidates` AS
SELECT
  v.`CurrentActivationId` AS journey_id,
  (
    v.`valid_from` - make_dt_interval(
      0,
      0,
      0,
      MOD(
        EXTRACT(
          SECOND
          FROM
            v.`valid_from`
        ),
        0.001
      )
    )
  ) AS t,
  0 AS source_rank,
  NULLIF(v.`OwnerId`, '') AS owner_id,
  CAST(NULL AS STRING) AS source_id,
  (
    NOT (
      COALESCE(
        INSTR(';' || v.`Interests` || ';', ';Security;') > 0,
        FALSE
      )
    )
    AND NULLIF(v.`Title`, '') IS NOT NULL
    AND COALESCE(
      INSTR(
        NULLIF(v.`Title`, ''),
        NULLIF(v.`Email`, '')
      ) > 0,
      FALSE
    )
    AND COALESCE(v.`Score` <= 0.1, FALSE)
  ) AS meets2,
  FALSE AS meets3,
  FALSE AS opportunity_origin
FROM
  `contact` AS v
UNION ALL
SELECT
  v.`CurrentActivationId` AS journey_id,
  (
    v.`valid_from` - make_dt_interval(
      0,
      0,
      0,
      MOD(
        EXTRACT(
          SECOND
          FROM
            v.`valid_from`
        ),
        0.001
      )
    )
  ) AS t,
  1 AS source_rank,
  NULLIF(v.`OwnerId`, '') AS owner_id,
  CAST(NULL AS STRING) AS source_id,
  (
    NOT COALESCE(v.`Status` = 'It\'s \\ -- ; "quoted"', FALSE)
    OR COALESCE(v.`AnnualRevenue` >= 1e21, FALSE)
    OR COALESCE(v.`Score` < (-2.5), FALSE)
    OR (
      NULLIF(v.`OwnerId`, '') <=> NULLIF(v.`ConvertedContactId`, '')
    )
    OR NOT (
      NULLIF(v.`OwnerId`, '') <=> NULLIF(v.`CurrentActivationId`, '')
    )
    OR NOT (
      COALESCE(v.`Industry` IN ('Retail', 'Other'), FALSE)
    )
    OR NULLIF(v.`Country`, '') IS NULL
    OR (
      COALESCE(INSTR(v.`Email`, '50%_off') > 0, FALSE)
      AND COALESCE(STARTSWITH (v.`Email`, 'é'), FALSE)
      AND COALESCE(ENDSWITH (v.`Email`, '.com'), FALSE)
    )
    OR (
      (
        COALESCE(
          INSTR(';' || v.`Interests` || ';', ';AI;') > 0,
          FALSE
        )
        AND COALESCE(
          INSTR(';' || v.`Interests` || ';', ';Cloud;') > 0,
          FALSE
        )
      )
      OR COALESCE(
        INSTR(';' || v.`Interests` || ';', ';Data;') > 0,
        FALSE
      )
    )
    OR NOT (COALESCE(v.`IsConverted`, FALSE))
  ) AS meets2,
  COALESCE(v.`Status` = 'Working', FALSE) AS meets3,
  FALSE AS opportunity_origin
FROM
  `lead` AS v;

CREATE OR REPLACE VIEW `analytics`.`sc_stage_engagement_candidates` AS
SELECT
  g.journey_id AS journey_id,
  g.agg_1 AS stage2_t,
  g.agg_2 AS stage2_owner_id,
  g.agg_3 AS stage3_t,
  g.agg_4 AS stage3_owner_id,
  g.agg_5 AS primary_opportunity_id,
  g.agg_6 AS stage4_t,
  g.agg_7 AS stage4_owner_id
FROM
  (
    SELECT
      c.journey_id AS journey_id,
      MAX(
        CASE
          WHEN c.pick_1 = 1
          AND c.meets2 THEN c.t
        END
      ) AS agg_1,
      MAX(
        CASE
          WHEN c.pick_1 = 1
          AND c.meets2 THEN c.owner_id
        END
      ) AS agg_2,
      MAX(
        CASE
          WHEN c.pick_2 = 1
          AND c.meets3 THEN c.t
        END
      ) AS agg_3,
      MAX(
        CASE
          WHEN c.pick_2 = 1
          AND c.meets3 THEN c.owner_id
        END
      ) AS agg_4,
      MAX(
        CASE
          WHEN c.pick_3 = 1
          AND c.opportunity_origin THEN c.source_id
        END
      ) AS agg_5,
      MAX(
        CASE
          WHEN c.pick_3 = 1
          AND c.opportunity_origin THEN c.t
        END
      ) AS agg_6,
      MAX(
        CASE
          WHEN c.pick_3 = 1
          AND c.opportunity_origin THEN c.owner_id
        END
      ) AS agg_7
    FROM
      (
        SELECT
          w.*,
          ROW_NUMBER() OVER (
            PARTITION BY
              w.journey_id
            ORDER BY
              CASE
                WHEN w.meets2 THEN 0
                ELSE 1
              END,
              w.t,
              w.source_rank,
              w.owner_id NULLS LAST
          ) AS pick_1,
          ROW_NUMBER() OVER (
            PARTITION BY
              w.journey_id
            ORDER BY
              CASE
                WHEN w.meets3 THEN 0
                ELSE 1
              END,
              w.t,
              w.source_rank,
              w.owner_id NULLS LAST
          ) AS pick_2,
          ROW_NUMBER() OVER (
            PARTITION BY
              w.journey_id
            ORDER BY
              CASE
                WHEN w.opportunity_origin THEN 0
                ELSE 1
              END,
              w.t,
              w.source_id
          ) AS pick_3
        FROM
          (
            SELECT
              j.journey_id AS journey_id,
              v.t AS t,
              v.source_rank AS source_rank,
              v.owner_id AS owner_id,
              v.source_id AS source_id,
              v.meets2 AS meets2,
              v.meets3 AS meets3,
              v.opportunity_origin AS opportunity_origin
            FROM
              (
                SELECT
                  p.journey_id AS journey_id,
                  p.t AS t,
                  p.source_rank AS source_rank,
                  p.owner_id AS owner_id,
                  p.source_id AS source_id,
                  p.meets2 AS meets2,
                  p.meets3 AS meets3,
                  p.opportunity_origin AS opportunity_origin
                FROM
                  `analytics`.`sc_stage_person_candidates` AS p
                UNION ALL
                SELECT
                  oc.journey_id AS journey_id,
                  oc.stage4_t AS t,
                  2 AS source_rank,
                  oc.stage4_owner_id AS owner_id,
                  oc.opportunity_id AS source_id,
                  FALSE AS meets2,
                  FALSE AS meets3,
                  TRUE AS opportunity_origin
                FROM
                  `analytics`.`sc_stage_opportunity_candidates` AS oc
              ) AS v
              JOIN `analytics`.`sc_stage_journeys` AS j ON j.journey_id = v.journey_id
              AND j.created_at <= v.t
              AND (
                j.completed_at IS NULL
                OR v.t < j.completed_at
              )
            WHERE
              v.meets2
              OR v.meets3
              OR v.opportunity_origin
          ) AS w
      ) AS c
    GROUP BY
      c.journey_id
  ) AS g;

CREATE OR REPLACE VIEW `analytics`.`sc_stage_stamps` AS
WITH
  opportunity_candidates AS (
    SELECT
      *
    FROM
      `analytics`.`sc_stage_opportunity_candidates`
  ),
  engagement_candidates AS (
    SELECT
      g.journey_id AS journey_id,
      g.agg_1 AS stage2_t,
      g.agg_2 AS stage2_owner_id,
      g.agg_3 AS stage3_t,
      g.agg_4 AS stage3_owner_id,
      g.agg_5 AS primary_opportunity_id,
      g.agg_6 AS stage4_t,
      g.agg_7 AS stage4_owner_id
    FROM
      (
        SELECT
          c.journey_id AS journey_id,
          MAX(
            CASE
              WHEN c.pick_1 = 1
              AND c.meets2 THEN c.t
            END
          ) AS agg_1,
          MAX(
            CASE
              WHEN c.pick_1 = 1
              AND c.meets2 THEN c.owner_id
            END
          ) AS agg_2,
          MAX(
            CASE
              WHEN c.pick_2 = 1
              AND c.meets3 THEN c.t
            END
          ) AS agg_3,
          MAX(
            CASE
              WHEN c.pick_2 = 1
              AND c.meets3 THEN c.owner_id
            END
          ) AS agg_4,
          MAX(
            CASE
              WHEN c.pick_3 = 1
              AND c.opportunity_origin THEN c.source_id
            END
          ) AS agg_5,
          MAX(
            CASE
              WHEN c.pick_3 = 1
              AND c.opportunity_origin THEN c.t
            END
          ) AS agg_6,
          MAX(
            CASE
              WHEN c.pick_3 = 1
              AND c.opportunity_origin THEN c.owner_id
            END
          ) AS agg_7
        FROM
          (
            SELECT
              w.*,
              ROW_NUMBER() OVER (
                PARTITION BY
                  w.journey_id
                ORDER BY
                  CASE
                    WHEN w.meets2 THEN 0
                    ELSE 1
                  END,
                  w.t,
                  w.source_rank,
                  w.owner_id NULLS LAST
              ) AS pick_1,
              ROW_NUMBER() OVER (
                PARTITION BY
                  w.journey_id
                ORDER BY
                  CASE
                    WHEN w.meets3 THEN 0
                    ELSE 1
                  END,
                  w.t,
                  w.source_rank,
                  w.owner_id NULLS LAST
              ) AS pick_2,
              ROW_NUMBER() OVER (
                PARTITION BY
                  w.journey_id
                ORDER BY
                  CASE
                    WHEN w.opportunity_origin THEN 0
                    ELSE 1
                  END,
                  w.t,
                  w.source_id
              ) AS pick_3
            FROM
              (
                SELECT
                  j.journey_id AS journey_id,
                  v.t AS t,
                  v.source_rank AS source_rank,
                  v.owner_id AS owner_id,
                  v.source_id AS source_id,
                  v.meets2 AS meets2,
                  v.meets3 AS meets3,
                  v.opportunity_origin AS opportunity_origin
                FROM
                  (
                    SELECT
                      p.journey_id AS journey_id,
                      p.t AS t,
                      p.source_rank AS source_rank,
                      p.owner_id AS owner_id,
                      p.source_id AS source_id,
                      p.meets2 AS meets2,
                      p.meets3 AS meets3,
                      p.opportunity_origin AS opportunity_origin
                    FROM
                      `analytics`.`sc_stage_person_candidates` AS p
                    UNION ALL
                    SELECT
                      oc.journey_id AS journey_id,
                      oc.stage4_t AS t,
                      2 AS source_rank,
                      oc.stage4_owner_id AS owner_id,
                      oc.opportunity_id AS source_id,
                      FALSE AS meets2,
                      FALSE AS meets3,
                      TRUE AS opportunity_origin
                    FROM
                      opportunity_candidates AS oc
                  ) AS v
                  JOIN `analytics`.`sc_stage_journeys` AS j ON j.journey_id = v.journey_id
                  AND j.created_at <= v.t
                  AND (
                    j.completed_at IS NULL
                    OR v.t < j.completed_at
                  )
                WHERE
                  v.meets2
                  OR v.meets3
                  OR v.opportunity_origin
              ) AS w
          ) AS c
        GROUP BY
          c.journey_id
      ) AS g
  )
SELECT
  'engagement' AS object,
  j.journey_id AS record_id,
  1 AS stage,
  'Activation' AS label,
  j.created_at AS stage_date,
  j.owner_id AS owner_id,
  FALSE AS inferred
FROM
  `analytics`.`sc_stage_journeys` AS j
UNION ALL
SELECT
  'engagement' AS object,
  w.record_id AS record_id,
  w.stage AS stage,
  w.label AS label,
  CASE w.source_stage
    WHEN 2 THEN w.stage2_t
    WHEN 3 THEN w.stage3_t
    WHEN 4 THEN w.stage4_t
  END AS stage_date,
  CASE w.source_stage
    WHEN 2 THEN w.stage2_owner_id
    WHEN 3 THEN w.stage3_owner_id
    WHEN 4 THEN w.stage4_owner_id
  END AS owner_id,
  w.source_stage <> w.stage AS inferred
FROM
  (
    SELECT
      c.journey_id AS record_id,
      c.stage2_t AS stage2_t,
      c.stage2_owner_id AS stage2_owner_id,
      c.stage3_t AS stage3_t,
      c.stage3_owner_id AS stage3_owner_id,
      c.stage4_t AS stage4_t,
      c.stage4_owner_id AS stage4_owner_id,
      s.stage AS stage,
      s.label AS label,
      CASE s.stage
        WHEN 2 THEN CASE
          WHEN c.stage2_t IS NOT NULL
          AND (
            c.stage3_t IS NULL
            OR c.stage2_t <= c.stage3_t
          )
          AND (
            c.stage4_t IS NULL
            OR c.stage2_t <= c.stage4_t
          ) THEN 2
          WHEN c.stage3_t IS NOT NULL
          AND (
            c.stage4_t IS NULL
            OR c.stage3_t <= c.stage4_t
          ) THEN 3
          WHEN c.stage4_t IS NOT NULL THEN 4
        END
        WHEN 3 THEN CASE
          WHEN c.stage3_t IS NOT NULL
          AND (
            c.stage4_t IS NULL
            OR c.stage3_t <= c.stage4_t
          ) THEN 3
          WHEN c.stage4_t IS NOT NULL THEN 4
        END
      END AS source_stage
    FROM
      engagement_candidates AS c
      CROSS JOIN (
        SELECT
          2 AS stage,
          'Routed' AS label
        UNION ALL
        SELECT
          3 AS stage,
          'Accepted' AS label
      ) AS s
  ) AS w
WHERE
  w.source_stage IS NOT NULL
UNION ALL
SELECT
  'opportunity' AS object,
  w.record_id AS record_id,
  w.stage AS stage,
  w.label AS label,
  CASE w.source_stage
    WHEN 4 THEN w.stage4_t
    WHEN 5 THEN w.stage5_t
    WHEN 6 THEN CASE
      WHEN w.stage = 6 THEN COALESCE(w.synced_date, w.stage6_t)
      ELSE w.stage6_t
    END
  END AS stage_date,
  CASE w.source_stage
    WHEN 4 THEN w.stage4_owner_id
    WHEN 5 THEN w.stage5_owner_id
    WHEN 6 THEN w.stage6_owner_id
  END AS owner_id,
  w.source_stage <> w.stage AS inferred
FROM
  (
    SELECT
      c.opportunity_id AS record_id,
      c.stage4_t AS stage4_t,
      c.stage4_owner_id AS stage4_owner_id,
      c.stage5_t AS stage5_t,
      c.stage5_owner_id AS stage5_owner_id,
      c.stage6_t AS stage6_t,
      c.stage6_owner_id AS stage6_owner_id,
      c.synced_date AS synced_date,
      s.stage AS stage,
      s.label AS label,
      CASE s.stage
        WHEN 4 THEN CASE
          WHEN c.stage4_t IS NOT NULL
          AND (
            c.stage5_t IS NULL
            OR c.stage4_t <= c.stage5_t
          )
          AND (
            c.stage6_t IS NULL
            OR c.stage4_t <= c.stage6_t
          ) THEN 4
          WHEN c.stage5_t IS NOT NULL
          AND (
            c.stage6_t IS NULL
            OR c.stage5_t <= c.stage6_t
          ) THEN 5
          WHEN c.stage6_t IS NOT NULL THEN 6
        END
        WHEN 5 THEN CASE
          WHEN c.stage5_t IS NOT NULL
          AND (
            c.stage6_t IS NULL
            OR c.stage5_t <= c.stage6_t
          ) THEN 5
          WHEN c.stage6_t IS NOT NULL THEN 6
        END
        WHEN 6 THEN CASE
          WHEN c.stage6_t IS NOT NULL THEN 6
        END
      END AS source_stage
    FROM
      opportunity_candidates AS c
      CROSS JOIN (
        SELECT
          4 AS stage,
          'Opportunity Created' AS label
        UNION ALL
        SELECT
          5 AS stage,
          'Pipeline' AS label
        UNION ALL
        SELECT
          6 AS stage,
          'Won' AS label
      ) AS s
  ) AS w
WHERE
  w.source_stage IS NOT NULL;

CREATE OR REPLACE VIEW `analytics`.`sc_engagement_stages` AS
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
      `analytics`.`sc_stage_stamps` AS s
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
      `analytics`.`sc_stage_stamps` AS s
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
  ec.primary_opportunity_id AS primary_opportunity_id,
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
  `analytics`.`sc_stage_journeys` AS j
  LEFT JOIN engagement_pivot AS ep ON ep.record_id = j.journey_id
  LEFT JOIN `analytics`.`sc_stage_engagement_candidates` AS ec ON ec.journey_id = j.journey_id
  LEFT JOIN opportunity_pivot AS op ON op.record_id = ec.primary_opportunity_id;

CREATE OR REPLACE VIEW `analytics`.`sc_opportunity_stages` AS
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
      `analytics`.`sc_stage_stamps` AS s
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
  `analytics`.`sc_stage_opportunity_candidates` AS oo
  LEFT JOIN opportunity_pivot AS op ON op.record_id = oo.opportunity_id;
