/**
 * The stage-stamp views (SPEC §4, §4.5), as unformatted SQL, one statement per view.
 *
 * Stamps are computed in COLUMN form — one row per record holding the least candidate of each
 * source stage — and unpivoted once at the end, one view per step:
 *
 *   stage_journeys                Activation engagements with their window (§4.2)
 *   stage_opportunity_candidates  per opportunity: the least candidate of source stages 4, 5, 6
 *                                 (its earliest version; the earliest version meeting each
 *                                 criteria), the journey it is attributed to, the §4.4 date
 *   stage_person_candidates       every Lead and Contact version with a flag per stage-2/3
 *                                 criteria it meets (a projection: each criteria's text once
 *                                 in the script, however many queries read it)
 *   stage_engagement_candidates   per journey that has any: the least stage-2 and stage-3
 *                                 candidate (Lead/Contact versions inside the window) and the
 *                                 stage-4 candidate of its primary opportunity
 *   stage_stamps                  per record and enabled stage k, the least of those of a
 *                                 stage j ≥ k, as rows (§4.5)
 *   engagement_stages, opportunity_stages,  wide reporting views; a person's row carries the
 *   lead_stages, contact_stages              journey its latest version names (§4.5)
 *
 * Why one candidate per (record, source stage) is enough: a stamp compares candidates of
 * DIFFERENT source stages, where `(t, source_stage)` decides; within one source stage only the
 * least candidate under the full §4.3 key can win, and of it only `t` and the owner are output.
 * Its `t` is the least `t`; its owner is decided by `(t, source_rank, owner_id NULLS LAST)` —
 * `source_id` only orders candidates with equal owners, so it cannot change the output. Within
 * one opportunity every candidate has its own `t` ((Id, valid_from) is unique, §3), so no text
 * tie-break is needed there at all. The primary opportunity is the least `(t, Id)`.
 *
 * Each step is a scan, a hash join or one GROUP BY: no correlated subqueries. "The values of the
 * least row of each group" is asked of ./least-row.ts and spelled by the dialect (`leastRow`: a
 * ROW_NUMBER window, or DuckDB's sort-free aggregates). Cost grows linearly with the number of
 * versions. Everything dialect-specific comes from the `Dialect`; this module spells none of it.
 *
 * Names: every table, field and view name is quoted by the dialect (it comes from the user's
 * schema or flags); internal column and table aliases are fixed lower-case words that are
 * reserved nowhere (`journey`, `person`, `candidate`, `stamp`, …), left unquoted so they read
 * naturally in every warehouse (Snowflake upper-cases them).
 */
import type { CheckedDefinition, CheckedStage, FieldRef, StageNumber } from '../ir.js';
import type { ObjectName } from '../../schema/types.js';
import { activationRecordTypeValues } from '../../schema/types.js';
import type { Dialect } from './dialect.js';
import { GroupedSelect, type OrderKey } from './least-row.js';
import { compilePredicate, emptyTextAsNull } from './predicate.js';

export interface ViewNaming {
  /** Prepended to every view name. */
  readonly prefix: string;
  /** Database schema the views are created in (and referenced from); unqualified when absent. */
  readonly schemaName?: string;
  /**
   * How the views name the relations they read, for a tool that resolves names itself (the dbt
   * package renders `{{ source(…) }}` and `{{ ref(…) }}` here). Default: the schema's table
   * names and our view names, quoted by the dialect.
   */
  readonly references?: RelationReferences;
}

/** The relations a view reads: an input table, or another of our views. */
export interface RelationReferences {
  table(object: ObjectName): string;
  view(name: ViewName): string;
}

export interface ViewStatement {
  /** Unprefixed view name, e.g. `stage_stamps`. */
  readonly name: ViewName;
  /** `CREATE OR REPLACE VIEW … AS …` without a trailing semicolon. */
  readonly sql: string;
  /** The view's query alone (what follows `AS` in `sql`). */
  readonly query: string;
}

/** The view names, in dependency order. */
export const VIEW_NAMES = [
  'stage_journeys',
  'stage_opportunity_candidates',
  'stage_person_candidates',
  'stage_engagement_candidates',
  'stage_stamps',
  'engagement_stages',
  'opportunity_stages',
  'lead_stages',
  'contact_stages',
] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/** Candidate source ranks of §4.3 (Contact wins a tie against Lead on conversion). */
const SOURCE_RANK: Readonly<Record<ObjectName, number>> = { Contact: 0, Lead: 1, Opportunity: 2, Engagement: 3 };

/** The stages by the part they play (SPEC §4.2–§4.4); the numbers are the spec's. */
const STAGES = {
  /** The journey itself: always stamped, from the engagement row. */
  journey: 1,
  /** Stamped from Lead and Contact criteria, on the journey. */
  person: [2, 3],
  /** The opportunity's earliest version: always stamped. */
  opportunityCreated: 4,
  /** Stamped from Opportunity criteria. */
  opportunityCriteria: [5, 6],
  /** The stage whose date may follow a field (§4.4). */
  dateSynced: 6,
  /** The engagement's stamps and the opportunity's (§4.3). */
  engagement: [1, 2, 3],
  opportunity: [4, 5, 6],
} as const;

interface Ctx {
  readonly def: CheckedDefinition;
  readonly dialect: Dialect;
  readonly naming: ViewNaming;
}

export function buildViews(def: CheckedDefinition, dialect: Dialect, naming: ViewNaming): ViewStatement[] {
  const ctx: Ctx = { def, dialect, naming };
  const bodies: Record<ViewName, string> = {
    stage_journeys: journeysView(ctx),
    stage_opportunity_candidates: opportunityCandidatesView(ctx),
    stage_person_candidates: personCandidatesView(ctx),
    stage_engagement_candidates: engagementCandidatesView(ctx, viewRef(ctx, 'stage_opportunity_candidates')),
    stage_stamps: stampsView(ctx),
    engagement_stages: engagementStagesView(ctx),
    opportunity_stages: opportunityStagesView(ctx),
    lead_stages: personStagesView(ctx, 'Lead'),
    contact_stages: personStagesView(ctx, 'Contact'),
  };
  return VIEW_NAMES.map((name) => ({
    name,
    sql: `CREATE OR REPLACE VIEW ${createdName(ctx, name)} AS\n${bodies[name]}`,
    query: bodies[name],
  }));
}

/** The (possibly schema-qualified) quoted name a view is created under. */
function createdName(ctx: { dialect: Dialect; naming: ViewNaming }, name: ViewName): string {
  const q = ctx.dialect.quoteIdentifier;
  const view = q(`${ctx.naming.prefix}${name}`);
  return ctx.naming.schemaName === undefined ? view : `${q(ctx.naming.schemaName)}.${view}`;
}

/** How a view reads one of our views: its created name, or the caller's reference. */
export function viewRef(ctx: { dialect: Dialect; naming: ViewNaming }, name: ViewName): string {
  return ctx.naming.references?.view(name) ?? createdName(ctx, name);
}

/** How a view reads the input table of `object`: its quoted name, or the caller's reference. */
function table(ctx: Ctx, object: ObjectName): string {
  return ctx.naming.references?.table(object) ?? ctx.dialect.quoteIdentifier(ctx.def.schema.objects[object].table);
}

/** `alias."Field"`. */
function col(ctx: Ctx, alias: string, field: string): string {
  return `${alias}.${ctx.dialect.quoteIdentifier(field)}`;
}

/**
 * An instant column as the views use it: truncated to the millisecond (SPEC §3), so a table
 * holding microseconds orders, ties and reports exactly like the evaluator, which truncates
 * what it is given.
 */
function instantCol(ctx: Ctx, alias: string, field: string): string {
  return ctx.dialect.truncateToMillisecond(col(ctx, alias, field));
}

/**
 * An owner or id column as the views carry it: empty text is NULL (SPEC §3, as in Salesforce),
 * as the evaluator and the data loaders have it. Warehouses keep `''`, which would otherwise
 * sort before every owner instead of last (§4.3) and be reported as `''`.
 */
function textCol(ctx: Ctx, alias: string, field: string): string {
  return emptyTextAsNull(col(ctx, alias, field), ctx.dialect);
}

/** How criteria read the fields of the row aliased `alias`: instants truncated (empty text: see predicate.ts). */
function fieldColumns(ctx: Ctx, alias: string): (f: FieldRef) => string {
  return (f) => (f.type === 'datetime' ? instantCol(ctx, alias, f.column) : col(ctx, alias, f.column));
}

function stage(ctx: Ctx, k: StageNumber): CheckedStage {
  return ctx.def.stages[k - 1];
}

function enabled(ctx: Ctx, k: StageNumber): boolean {
  // Stages 1 and 4 are always stamped, whatever the IR says.
  return k === STAGES.journey || k === STAGES.opportunityCreated || stage(ctx, k).enabled;
}

/** Lead/Contact objects with a criteria line in enabled stage k (a person stage). */
function personObjects(ctx: Ctx, k: 2 | 3): ('Contact' | 'Lead')[] {
  if (!enabled(ctx, k)) return [];
  return (['Contact', 'Lead'] as const).filter((object) => stage(ctx, k).criteria[object] !== undefined);
}

/** Whether enabled stage k (an opportunity-criteria stage) has opportunity criteria, i.e. direct candidates. */
function hasOpportunityCriteria(ctx: Ctx, k: 5 | 6): boolean {
  return enabled(ctx, k) && stage(ctx, k).criteria.Opportunity !== undefined;
}

/**
 * The source stages whose candidates a record can have (its candidate columns), ascending.
 * Engagement: 1 (the journey) is always stamped from the journey row itself, so the
 * engagement candidates hold 2, 3 and the primary opportunity's 4.
 */
function candidateSources(ctx: Ctx, object: 'engagement' | 'opportunity'): StageNumber[] {
  if (object === 'engagement') {
    return [...personStages(ctx), STAGES.opportunityCreated];
  }
  return [STAGES.opportunityCreated, ...STAGES.opportunityCriteria.filter((k) => hasOpportunityCriteria(ctx, k))];
}

/** The §4.4 date applies: stage 6 has candidates and a `date follows` field. */
function syncsStage6(ctx: Ctx): boolean {
  return hasOpportunityCriteria(ctx, STAGES.dateSynced) && stage(ctx, STAGES.dateSynced).dateFollows !== undefined;
}

// ---- the candidate views ---------------------------------------------------------------------

/** `recordType` is an Activation: `= 'Activation'`, or with record types by id `IN` the Activation ids. */
function activationTest(ctx: Ctx, recordType: string): string {
  const values = activationRecordTypeValues(ctx.def.schema).map((v) => ctx.dialect.stringLiteral(v));
  return values.length === 1 ? `${recordType} = ${values[0]}` : `${recordType} IN (${values.join(', ')})`;
}

/** Activation engagements with their window (§4.2). */
function journeysView(ctx: Ctx): string {
  const e = ctx.def.schema.objects.Engagement.roles;
  return [
    'SELECT',
    `  ${col(ctx, 'engagement', e.id)} AS journey_id,`,
    `  ${textCol(ctx, 'engagement', e.owner)} AS owner_id,`,
    `  ${instantCol(ctx, 'engagement', e.created)} AS created_at,`,
    `  ${instantCol(ctx, 'engagement', e.completed)} AS completed_at,`,
    `  ${textCol(ctx, 'engagement', e.lead)} AS lead_id,`,
    `  ${textCol(ctx, 'engagement', e.contact)} AS contact_id`,
    `FROM ${table(ctx, 'Engagement')} AS engagement`,
    // In WHERE a NULL record type filters the row out, which is what "false" means here.
    `WHERE ${activationTest(ctx, col(ctx, 'engagement', e.recordType))}`,
  ].join('\n');
}

/** t, rank, owner: the §4.3 order among one journey's Lead/Contact candidates of one stage (the journey is the group). */
const PERSON_ORDER: readonly OrderKey[] = [
  { column: 't', instant: true },
  // The rows are Contact and Lead candidates only, so the rank is one of theirs.
  { column: 'source_rank', smallBelow: Math.max(SOURCE_RANK.Contact, SOURCE_RANK.Lead) + 1 },
  { column: 'owner_id', text: true, nullsLast: true },
];

/** The primary opportunity: least (t, Id) (§4.2). */
const PRIMARY_ORDER: readonly OrderKey[] = [
  { column: 't', instant: true },
  { column: 'source_id', text: true },
];

/** An opportunity's versions in time order ((Id, valid_from) is unique: t alone decides). */
const VERSION_ORDER: readonly OrderKey[] = [{ column: 't', instant: true }];

function opportunityCandidatesView(ctx: Ctx): string {
  const { dialect } = ctx;
  const o = ctx.def.schema.objects.Opportunity;
  const r = o.roles;
  const rowColumns = [
    `${col(ctx, 'opportunity', r.id)} AS opportunity_id`,
    `${instantCol(ctx, 'opportunity', r.validFrom)} AS t`,
    `${textCol(ctx, 'opportunity', r.owner)} AS owner_id`,
    `${textCol(ctx, 'opportunity', r.activation)} AS journey_id`,
  ];
  const grouped = new GroupedSelect(ctx.dialect, 'opportunity_id');
  // Stage 4 is the earliest version; the journey is the earliest version's too (later changes
  // of the attribution are ignored, §4.2).
  const [journey, t4, owner4] = grouped.pick({ values: ['journey_id', 't', 'owner_id'], orderBy: VERSION_ORDER });
  const columns: [string, string][] = [
    [grouped.group, 'opportunity_id'],
    [journey, 'journey_id'],
    [t4, 'stage4_t'],
    [owner4, 'stage4_owner_id'],
  ];
  for (const k of STAGES.opportunityCriteria) {
    const pred = stage(ctx, k).criteria.Opportunity;
    if (!hasOpportunityCriteria(ctx, k) || pred === undefined) {
      columns.push([nullLike(ctx, t4), `stage${k}_t`], [nullLike(ctx, owner4), `stage${k}_owner_id`]);
      continue;
    }
    rowColumns.push(`${compilePredicate(pred, dialect, fieldColumns(ctx, 'opportunity'))} AS meets${k}`);
    // Stage 5/6: the earliest version meeting the criteria.
    const [t, owner] = grouped.pick({ values: ['t', 'owner_id'], where: `meets${k}`, orderBy: VERSION_ORDER });
    columns.push([t, `stage${k}_t`], [owner, `stage${k}_owner_id`]);
  }
  const field = stage(ctx, STAGES.dateSynced).dateFollows;
  if (syncsStage6(ctx) && field !== undefined) {
    rowColumns.push(`${col(ctx, 'opportunity', field)} AS sync_value`);
    const [latest] = grouped.pick({ values: ['sync_value'], orderBy: VERSION_ORDER, latest: true });
    // A datetime field reports its calendar day, like a date field (SPEC §4.4: midnight UTC).
    const asDate = o.fields[field]?.type === 'datetime' ? `CAST(${latest} AS DATE)` : latest;
    columns.push([`CAST(${asDate} AS ${dialect.columnTypes.datetime})`, 'synced_date']);
  } else {
    columns.push([`CAST(NULL AS ${dialect.columnTypes.datetime})`, 'synced_date']);
  }
  const rows = `SELECT\n  ${rowColumns.join(',\n  ')}\nFROM ${table(ctx, 'Opportunity')} AS opportunity`;
  return grouped.render(columns, rows);
}

/**
 * A NULL of the type of `expr`, for the column of a stage the definition leaves out. The
 * candidate views keep the same columns whatever the definition, so re-running the script after
 * a change of stages replaces them in place: PostgreSQL and Redshift refuse a CREATE OR REPLACE
 * VIEW that drops, renames or retypes a column. Engines fold it to a typed NULL constant.
 */
function nullLike(ctx: Ctx, expr: string): string {
  return `CASE WHEN ${ctx.dialect.booleanLiteral(false)} THEN ${expr} END`;
}

/** The journey window test `[created_at, completed_at)` for instant `t`. */
function insideWindow(journey: string, t: string): string {
  return `${journey}.created_at <= ${t} AND (${journey}.completed_at IS NULL OR ${t} < ${journey}.completed_at)`;
}

/** The flag columns of an engagement candidate row: which picks it takes part in. */
const CANDIDATE_FLAGS = ['meets2', 'meets3', 'opportunity_origin'] as const;
type CandidateFlag = (typeof CANDIDATE_FLAGS)[number];

function flagColumns(dialect: Dialect, on: Partial<Record<CandidateFlag, string>>): string[] {
  return CANDIDATE_FLAGS.map((f) => `${on[f] ?? dialect.booleanLiteral(false)} AS ${f}`);
}

/** The stages whose criteria name a Lead or Contact condition. */
function personStages(ctx: Ctx): (2 | 3)[] {
  return STAGES.person.filter((k) => personObjects(ctx, k).length > 0);
}

/**
 * Every Lead and Contact version as a candidate row: journey, t, rank, owner and a flag per
 * stage-2/3 criteria it meets. A plain projection, so reading it costs a scan like the text it
 * stands for; it exists so the criteria appear once in the script although two queries read
 * them (compile time grows with the script's length). With no person criteria: no rows.
 */
function personCandidatesView(ctx: Ctx): string {
  const { dialect } = ctx;
  const selects: string[] = [];
  for (const object of ['Contact', 'Lead'] as const) {
    const on: Partial<Record<CandidateFlag, string>> = {};
    for (const k of personStages(ctx)) {
      const pred = stage(ctx, k).criteria[object];
      if (pred !== undefined) on[`meets${k}`] = compilePredicate(pred, dialect, fieldColumns(ctx, 'person'));
    }
    const r = ctx.def.schema.objects[object].roles;
    selects.push(
      [
        'SELECT',
        // The link is read raw: `''` names no engagement (an empty Id is bad data), exactly like NULL.
        `  ${col(ctx, 'person', r.currentActivation)} AS journey_id,`,
        `  ${instantCol(ctx, 'person', r.validFrom)} AS t,`,
        `  ${SOURCE_RANK[object]} AS source_rank,`,
        `  ${textCol(ctx, 'person', r.owner)} AS owner_id,`,
        // A person's Id decides nothing that is output (see the header): not carried through the join.
        `  CAST(NULL AS ${dialect.columnTypes.text}) AS source_id,`,
        `  ${flagColumns(dialect, on).join(',\n  ')}`,
        `FROM ${table(ctx, object)} AS person`,
        // An object without criteria yields no rows, but its branch stays: the view's column
        // types are then the same whatever the criteria, so a re-run can replace it in place
        // (see nullLike). Engines drop a branch filtered by a constant FALSE without scanning.
        ...(Object.keys(on).length === 0 ? [`WHERE ${dialect.booleanLiteral(false)}`] : []),
      ].join('\n'),
    );
  }
  return selects.join('\nUNION ALL\n');
}

/**
 * Per journey: the least candidate of source stages 2 and 3 (Lead and Contact versions meeting
 * the criteria while pointing at the journey inside its window) and the stage-4 candidate of
 * its primary opportunity — one join and one GROUP BY over all of them. `opportunities` is the
 * relation of stage_opportunity_candidates rows (the view, or stage_stamps' own CTE).
 */
function engagementCandidatesView(ctx: Ctx, opportunities: string): string {
  const { dialect } = ctx;
  const stages = personStages(ctx);

  const selects: string[] = [];
  if (stages.length > 0) {
    selects.push(
      [
        'SELECT',
        '  person.journey_id AS journey_id,',
        '  person.t AS t,',
        '  person.source_rank AS source_rank,',
        '  person.owner_id AS owner_id,',
        '  person.source_id AS source_id,',
        `  ${CANDIDATE_FLAGS.map((f) => `person.${f} AS ${f}`).join(',\n  ')}`,
        `FROM ${viewRef(ctx, 'stage_person_candidates')} AS person`,
      ].join('\n'),
    );
  }
  // Every opportunity's stage-4 candidate, attributed to the journey of its earliest version.
  selects.push(
    [
      'SELECT',
      '  opportunity.journey_id AS journey_id,',
      '  opportunity.stage4_t AS t,',
      `  ${SOURCE_RANK.Opportunity} AS source_rank,`,
      '  opportunity.stage4_owner_id AS owner_id,',
      '  opportunity.opportunity_id AS source_id,',
      `  ${flagColumns(dialect, { opportunity_origin: dialect.booleanLiteral(true) }).join(',\n  ')}`,
      `FROM ${opportunities} AS opportunity`,
    ].join('\n'),
  );
  const anyFlag = [...stages.map((k) => `candidate.meets${k}`), 'candidate.opportunity_origin'].join(' OR ');
  const rows = [
    'SELECT',
    '  journey.journey_id AS journey_id,',
    '  candidate.t AS t,',
    '  candidate.source_rank AS source_rank,',
    '  candidate.owner_id AS owner_id,',
    '  candidate.source_id AS source_id,',
    `  ${CANDIDATE_FLAGS.map((f) => `candidate.${f} AS ${f}`).join(',\n  ')}`,
    `FROM (\n${selects.join('\nUNION ALL\n')}\n) AS candidate`,
    `  JOIN ${viewRef(ctx, 'stage_journeys')} AS journey ON journey.journey_id = candidate.journey_id`,
    `  AND ${insideWindow('journey', 'candidate.t')}`,
    `WHERE ${anyFlag}`,
  ].join('\n');

  const grouped = new GroupedSelect(ctx.dialect, 'journey_id');
  const picked = new Map(stages.map((k) => [k, grouped.pick({ values: ['t', 'owner_id'], where: `meets${k}`, orderBy: PERSON_ORDER })]));
  const [id, t4, owner4] = grouped.pick({ values: ['source_id', 't', 'owner_id'], where: 'opportunity_origin', orderBy: PRIMARY_ORDER });
  const columns: [string, string][] = [[grouped.group, 'journey_id']];
  for (const k of STAGES.person) {
    const [t, owner] = picked.get(k) ?? [nullLike(ctx, t4), nullLike(ctx, owner4)];
    columns.push([t, `stage${k}_t`], [owner, `stage${k}_owner_id`]);
  }
  columns.push([id, 'primary_opportunity_id'], [t4, 'stage4_t'], [owner4, 'stage4_owner_id']);
  return grouped.render(columns, rows);
}

// ---- stamps ----------------------------------------------------------------------------------

/**
 * The source stage of the least candidate among `sources` (ascending) by `(t, source_stage)`,
 * NULL when the record has none of them. An arm is reached only when every earlier source is
 * absent or beaten by a strictly earlier later source, so comparing with the later ones suffices.
 */
function winnerCase(sources: readonly StageNumber[], t: (j: StageNumber) => string): string {
  const arms = sources.map((j, i) => {
    const conditions = [`${t(j)} IS NOT NULL`, ...sources.slice(i + 1).map((l) => `(${t(l)} IS NULL OR ${t(j)} <= ${t(l)})`)];
    return `WHEN ${conditions.join(' AND ')} THEN ${j}`;
  });
  return `CASE ${arms.join(' ')} END`;
}

/** `(SELECT k AS stage, 'label' AS label UNION ALL …)`: the stages one part of stage_stamps stamps. */
function stageList(ctx: Ctx, ks: readonly StageNumber[]): string {
  return ks.map((k) => `SELECT ${k} AS stage, ${ctx.dialect.stringLiteral(stage(ctx, k).label)} AS label`).join('\nUNION ALL\n');
}

/**
 * The stamps of one object as rows: every candidate row crossed with the stages it may stamp;
 * per stage k the source stage of the least candidate of an enabled stage j ≥ k (for a
 * journey's stages 2/3 also its primary opportunity's stage 4), then that candidate's date and owner.
 */
function unpivotedStamps(ctx: Ctx, object: 'engagement' | 'opportunity', candidates: string, enabledStages: readonly StageNumber[]): string {
  const sources = candidateSources(ctx, object);
  const idColumn = object === 'engagement' ? 'journey_id' : 'opportunity_id';
  const t = (j: StageNumber): string => `candidates.stage${j}_t`;
  // A stage no candidate can decide (stage 6 enabled without criteria) is never stamped.
  const ks = enabledStages.filter((k) => sources.some((j) => j >= k));
  const winners = ks.map((k) => `WHEN ${k} THEN ${winnerCase(sources.filter((j) => j >= k), t)}`);
  const sync = object === 'opportunity' && syncsStage6(ctx) && ks.includes(STAGES.dateSynced);
  const inner = [
    `candidates.${idColumn} AS record_id`,
    ...sources.flatMap((j) => [`candidates.stage${j}_t AS stage${j}_t`, `candidates.stage${j}_owner_id AS stage${j}_owner_id`]),
    ...(sync ? ['candidates.synced_date AS synced_date'] : []),
    'stage_list.stage AS stage',
    'stage_list.label AS label',
    `CASE stage_list.stage ${winners.join(' ')} END AS source_stage`,
  ];
  const dateOf = (j: StageNumber): string =>
    // Only a stage-6 candidate can win stage 6, and only there does the §4.4 date apply.
    j === STAGES.dateSynced && sync
      ? `CASE WHEN stamp.stage = ${j} THEN COALESCE(stamp.synced_date, stamp.stage${j}_t) ELSE stamp.stage${j}_t END`
      : `stamp.stage${j}_t`;
  return [
    'SELECT',
    `  ${ctx.dialect.stringLiteral(object)} AS object,`,
    '  stamp.record_id AS record_id,',
    '  stamp.stage AS stage,',
    '  stamp.label AS label,',
    `  CASE stamp.source_stage ${sources.map((j) => `WHEN ${j} THEN ${dateOf(j)}`).join(' ')} END AS stage_date,`,
    `  CASE stamp.source_stage ${sources.map((j) => `WHEN ${j} THEN stamp.stage${j}_owner_id`).join(' ')} END AS owner_id,`,
    '  stamp.source_stage <> stamp.stage AS inferred',
    'FROM (',
    `  SELECT\n    ${inner.join(',\n    ')}`,
    `  FROM ${candidates} AS candidates`,
    `  CROSS JOIN (\n${stageList(ctx, ks)}\n) AS stage_list`,
    ') AS stamp',
    'WHERE stamp.source_stage IS NOT NULL',
  ].join('\n');
}

function stampsView(ctx: Ctx): string {
  // Both candidate relations as CTEs of this one query: the opportunity rows feed the journeys'
  // primary opportunities and the opportunity stamps, and are computed once (DuckDB does not
  // share a view used twice; MATERIALIZED makes it compute the CTE once). The opportunity CTE
  // reads its view rather than repeating its text: the script stays half as long, which is what
  // compile time (formatting) grows with.
  const materialized = ctx.dialect.materializedCte ? 'MATERIALIZED ' : '';
  return stampsQuery(ctx, {
    opportunity: `${materialized}(\nSELECT * FROM ${viewRef(ctx, 'stage_opportunity_candidates')}\n)`,
    engagement: () => `(\n${engagementCandidatesView(ctx, 'opportunity_candidates')}\n)`,
  });
}

/** Relations holding the rows of `stage_opportunity_candidates` and `stage_engagement_candidates`. */
export interface CandidateRelations {
  readonly opportunity: string;
  readonly engagement: string;
}

/**
 * The `stage_stamps` query reading the two candidate relations from `candidates` (tables an
 * engine filled from those views) instead of computing them: the same rows as the view.
 */
export function stampsOverCandidates(def: CheckedDefinition, dialect: Dialect, naming: ViewNaming, candidates: CandidateRelations): string {
  return stampsQuery(
    { def, dialect, naming },
    { opportunity: `(\nSELECT * FROM ${candidates.opportunity}\n)`, engagement: () => `(\nSELECT * FROM ${candidates.engagement}\n)` },
  );
}

/**
 * `stage_stamps` from its CTEs' bodies (each a parenthesised query, optionally preceded by a
 * keyword such as MATERIALIZED): the journeys' stage-1 rows, then the unpivoted engagement and
 * opportunity candidates. The engagement CTE exists only when a person stage is enabled.
 */
function stampsQuery(ctx: Ctx, bodies: { readonly opportunity: string; readonly engagement: () => string }): string {
  const { dialect } = ctx;
  const on = (ks: readonly StageNumber[]) => ks.filter((k) => enabled(ctx, k));
  // Stage 1 is always the journey itself: every other candidate of stages 1–3 lies inside the
  // window, so its t is >= CreatedDate, and on a tie source stage 1 wins.
  const parts = [
    [
      'SELECT',
      `  ${dialect.stringLiteral('engagement')} AS object,`,
      '  journey.journey_id AS record_id,',
      `  ${STAGES.journey} AS stage,`,
      `  ${dialect.stringLiteral(stage(ctx, STAGES.journey).label)} AS label,`,
      '  journey.created_at AS stage_date,',
      '  journey.owner_id AS owner_id,',
      `  ${dialect.booleanLiteral(false)} AS inferred`,
      `FROM ${viewRef(ctx, 'stage_journeys')} AS journey`,
    ].join('\n'),
  ];
  const engagementStages = on(STAGES.person);
  if (engagementStages.length > 0) parts.push(unpivotedStamps(ctx, 'engagement', 'engagement_candidates', engagementStages));
  parts.push(unpivotedStamps(ctx, 'opportunity', 'opportunity_candidates', on(STAGES.opportunity)));
  const ctes = [
    `opportunity_candidates AS ${bodies.opportunity}`,
    ...(engagementStages.length > 0 ? [`engagement_candidates AS ${bodies.engagement()}`] : []),
  ];
  return `WITH ${ctes.join(',\n')}\n${parts.join('\nUNION ALL\n')}`;
}

// ---- wide reporting views --------------------------------------------------------------------

/** One row per record of `object` with `stageK_date`, `stageK_owner_id`, `stageK_inferred` columns. */
function pivot(ctx: Ctx, object: 'engagement' | 'opportunity', ks: readonly StageNumber[]): string {
  const cols = ks.flatMap((k) => [
    `MAX(CASE WHEN stamp.stage = ${k} THEN stamp.stage_date END) AS stage${k}_date`,
    `MAX(CASE WHEN stamp.stage = ${k} THEN stamp.owner_id END) AS stage${k}_owner_id`,
    // MAX over booleans is not portable: count the inferred flag as 1/0 instead.
    `MAX(CASE WHEN stamp.stage = ${k} THEN CASE WHEN stamp.inferred THEN 1 ELSE 0 END END) = 1 AS stage${k}_inferred`,
  ]);
  return [
    'SELECT',
    '  stamp.record_id,',
    `  ${cols.join(',\n  ')}`,
    `FROM ${viewRef(ctx, 'stage_stamps')} AS stamp`,
    `WHERE stamp.object = ${ctx.dialect.stringLiteral(object)}`,
    'GROUP BY stamp.record_id',
  ].join('\n');
}

function stageColumns(alias: string, ks: readonly StageNumber[]): string[] {
  return ks.flatMap((k) => [`${alias}.stage${k}_date`, `${alias}.stage${k}_owner_id`, `${alias}.stage${k}_inferred`]);
}

function engagementStagesView(ctx: Ctx): string {
  return [
    'WITH engagement_pivot AS (',
    pivot(ctx, 'engagement', STAGES.engagement),
    '),',
    'opportunity_pivot AS (',
    pivot(ctx, 'opportunity', STAGES.opportunity),
    ')',
    'SELECT',
    '  journey.journey_id AS engagement_id,',
    '  journey.lead_id,',
    '  journey.contact_id,',
    `  ${stageColumns('engagement_stamps', STAGES.engagement).join(',\n  ')},`,
    '  candidates.primary_opportunity_id AS primary_opportunity_id,',
    `  ${stageColumns('opportunity_stamps', STAGES.opportunity).join(',\n  ')}`,
    `FROM ${viewRef(ctx, 'stage_journeys')} AS journey`,
    '  LEFT JOIN engagement_pivot AS engagement_stamps ON engagement_stamps.record_id = journey.journey_id',
    `  LEFT JOIN ${viewRef(ctx, 'stage_engagement_candidates')} AS candidates ON candidates.journey_id = journey.journey_id`,
    '  LEFT JOIN opportunity_pivot AS opportunity_stamps ON opportunity_stamps.record_id = candidates.primary_opportunity_id',
  ].join('\n');
}

function opportunityStagesView(ctx: Ctx): string {
  return [
    'WITH opportunity_pivot AS (',
    pivot(ctx, 'opportunity', STAGES.opportunity),
    '),',
    'engagement_pivot AS (',
    pivot(ctx, 'engagement', STAGES.engagement),
    ')',
    'SELECT',
    '  opportunity.opportunity_id,',
    '  opportunity.journey_id,',
    `  ${stageColumns('opportunity_stamps', STAGES.opportunity).join(',\n  ')},`,
    // The journey's stages come last: a re-run then replaces an older view in place (PostgreSQL
    // and Redshift accept new columns only at the end, see nullLike).
    `  ${stageColumns('engagement_stamps', STAGES.engagement).join(',\n  ')}`,
    `FROM ${viewRef(ctx, 'stage_opportunity_candidates')} AS opportunity`,
    '  LEFT JOIN opportunity_pivot AS opportunity_stamps ON opportunity_stamps.record_id = opportunity.opportunity_id',
    // An id naming no journey (an Influencing engagement, a missing one) joins nothing: null stages.
    '  LEFT JOIN engagement_pivot AS engagement_stamps ON engagement_stamps.record_id = opportunity.journey_id',
  ].join('\n');
}

/**
 * One row per Lead (or Contact): the `CurrentActivationId` of its latest version and that
 * journey's row of engagement_stages — stages 1–3 and its primary opportunity's 4–6 (§4.5).
 * The columns are null when the latest version names no journey.
 */
function personStagesView(ctx: Ctx, object: 'Lead' | 'Contact'): string {
  const r = ctx.def.schema.objects[object].roles;
  const id = `${object.toLowerCase()}_id`;
  const grouped = new GroupedSelect(ctx.dialect, id);
  const [journey] = grouped.pick({ values: ['journey_id'], orderBy: VERSION_ORDER, latest: true });
  const rows = [
    'SELECT',
    `  ${col(ctx, 'person', r.id)} AS ${id},`,
    `  ${instantCol(ctx, 'person', r.validFrom)} AS t,`,
    // As in stage_person_candidates: read raw, `''` names no engagement.
    `  ${col(ctx, 'person', r.currentActivation)} AS journey_id`,
    `FROM ${table(ctx, object)} AS person`,
  ].join('\n');
  const latest = grouped.render([[grouped.group, id], [journey, 'current_activation_id']], rows);
  const all: StageNumber[] = [...STAGES.engagement, ...STAGES.opportunity];
  return [
    'SELECT',
    `  person.${id},`,
    '  person.current_activation_id,',
    '  journey.primary_opportunity_id,',
    `  ${stageColumns('journey', all).join(',\n  ')}`,
    `FROM (\n${latest}\n) AS person`,
    `  LEFT JOIN ${viewRef(ctx, 'engagement_stages')} AS journey ON journey.engagement_id = person.current_activation_id`,
  ].join('\n');
}
