-- A lower bound that is wrong on purpose (docs/performance.md, "What dominates each cost"): `stage_stamps` of
-- examples/default.stages with integer keys only. The least stage-2/3 candidate per journey is
-- `min` of a BIGINT packing (t, source stage, source rank, owner-is-null) and its owner is
-- `arg_min(owner, key)`, which picks ANY owner among candidates that tie on that key (§4.3 wants
-- the least by code point); the primary opportunity likewise ignores ties on `t`. The stamps are
-- computed in long form, one group per (journey, stage), so no unpivot is needed.
-- What it shows: even without the exact tie-break the views take 4.3–4.9× the floor query.
-- On the synthetic bench data it happens to give the same rows (no such ties occur there), which
-- is why the harness can only say "same on this data", never "exact".
CREATE OR REPLACE VIEW "stage_stamps" AS
WITH
  opportunity_candidates AS MATERIALIZED (SELECT * FROM "stage_opportunity_candidates"),
  primary_opps AS (
    SELECT j.journey_id, arg_min(oc.opportunity_id, oc.stage4_t) AS opportunity_id, min(oc.stage4_t) AS t, arg_min(oc.stage4_owner_id, oc.stage4_t) AS owner_id
    FROM opportunity_candidates oc JOIN "stage_journeys" j ON j.journey_id = oc.journey_id AND j.created_at <= oc.stage4_t AND (j.completed_at IS NULL OR oc.stage4_t < j.completed_at)
    GROUP BY j.journey_id),
  long AS (
    SELECT j.journey_id, k.stage,
      ((epoch_us(v.t) * 8 + CASE WHEN k.stage = 2 AND v.meets2 THEN 2 ELSE 3 END) * 2 + v.source_rank) * 2 + CASE WHEN v.owner_id IS NULL THEN 1 ELSE 0 END AS packed,
      v.owner_id
    FROM "stage_person_candidates" v
    JOIN "stage_journeys" j ON j.journey_id = v.journey_id AND j.created_at <= v.t AND (j.completed_at IS NULL OR v.t < j.completed_at)
    CROSS JOIN (SELECT 2 AS stage UNION ALL SELECT 3) k
    WHERE (k.stage = 2 AND (v.meets2 OR v.meets3)) OR (k.stage = 3 AND v.meets3)
    UNION ALL
    SELECT p.journey_id, k.stage, ((epoch_us(p.t) * 8 + 4) * 2 + 1) * 2 + CASE WHEN p.owner_id IS NULL THEN 1 ELSE 0 END, p.owner_id
    FROM primary_opps p CROSS JOIN (SELECT 2 AS stage UNION ALL SELECT 3) k)
SELECT 'engagement' AS object, j.journey_id AS record_id, 1 AS stage, 'Activation' AS label, j.created_at AS stage_date, j.owner_id AS owner_id, FALSE AS inferred FROM "stage_journeys" j
UNION ALL
SELECT 'engagement', journey_id, stage, CASE stage WHEN 2 THEN 'MQL' ELSE 'SAL' END, make_timestamp(m >> 5), o, ((m >> 2) & 7) <> stage
FROM (SELECT journey_id, stage, min(packed) m, arg_min(owner_id, packed) o FROM long GROUP BY journey_id, stage)
UNION ALL
SELECT 'opportunity', opportunity_id, 4, 'Opportunity Created', stage4_t, stage4_owner_id, FALSE FROM opportunity_candidates
UNION ALL
SELECT 'opportunity', opportunity_id, 5, 'SQL', CASE WHEN stage5_t IS NOT NULL AND (stage6_t IS NULL OR stage5_t <= stage6_t) THEN stage5_t ELSE stage6_t END, CASE WHEN stage5_t IS NOT NULL AND (stage6_t IS NULL OR stage5_t <= stage6_t) THEN stage5_owner_id ELSE stage6_owner_id END, NOT (stage5_t IS NOT NULL AND (stage6_t IS NULL OR stage5_t <= stage6_t)) FROM opportunity_candidates WHERE stage5_t IS NOT NULL OR stage6_t IS NOT NULL
UNION ALL
SELECT 'opportunity', opportunity_id, 6, 'Won', COALESCE(synced_date, stage6_t), stage6_owner_id, FALSE FROM opportunity_candidates WHERE stage6_t IS NOT NULL
