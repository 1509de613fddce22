/**
 * The stage-stamp views (SPEC §4, §4.5), as unformatted SQL, one statement per view.
 *
 * The pipeline is set-based and mirrors the spec's vocabulary, one view per step:
 *
 *   stage_journeys               Activation engagements with their window (§4.2)
 *   stage_opportunity_origins    per opportunity: its earliest version (stage-4 candidate, the
 *                                journey it is attributed to) and the §4.4 date of its latest version
 *   stage_primary_opportunities  per journey: the least (t, Id) origin inside the window
 *   stage_candidates             every candidate with its §4.3 order key
 *   stage_stamps                 per record and enabled stage k, the least candidate of a stage j ≥ k
 *   engagement_stages, opportunity_stages   wide reporting views
 *
 * Each step is a join, a UNION ALL or a ROW_NUMBER window (or QUALIFY where the dialect has
 * it): no correlated subqueries, so cost is O(n log n) in the number of versions.
 *
 * Names: every table, field and view name is quoted by the dialect (it comes from the user's
 * schema or flags); internal column aliases are fixed lower-case words that are reserved
 * nowhere, left unquoted so they read naturally in every warehouse (Snowflake upper-cases them).
 */
import type { CheckedDefinition, CheckedStage, FieldRef, StageNumber } from '../ir.js';
import type { ObjectName } from '../../schema/types.js';
import { ACTIVATION_RECORD_TYPE } from '../../schema/types.js';
import type { Dialect } from './dialect.js';
import { compilePredicate } from './predicate.js';

export interface ViewNaming {
  /** Prepended to every view name. */
  readonly prefix: string;
  /** Database schema the views are created in (and referenced from); unqualified when absent. */
  readonly schemaName?: string;
}

export interface ViewStatement {
  /** Unprefixed view name, e.g. `stage_stamps`. */
  readonly name: string;
  /** `CREATE OR REPLACE VIEW … AS …` without a trailing semicolon. */
  readonly sql: string;
}

/** The view names, in dependency order. */
export const VIEW_NAMES = [
  'stage_journeys',
  'stage_opportunity_origins',
  'stage_primary_opportunities',
  'stage_candidates',
  'stage_stamps',
  'engagement_stages',
  'opportunity_stages',
] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/** Candidate source ranks of §4.3 (Contact wins a tie against Lead on conversion). */
const SOURCE_RANK: Readonly<Record<ObjectName, number>> = { Contact: 0, Lead: 1, Opportunity: 2, Engagement: 3 };

interface Ctx {
  readonly def: CheckedDefinition;
  readonly d: Dialect;
  readonly naming: ViewNaming;
}

export function buildViews(def: CheckedDefinition, dialect: Dialect, naming: ViewNaming): ViewStatement[] {
  const ctx: Ctx = { def, d: dialect, naming };
  const bodies: Record<ViewName, string> = {
    stage_journeys: journeysView(ctx),
    stage_opportunity_origins: opportunityOriginsView(ctx),
    stage_primary_opportunities: primaryOpportunitiesView(ctx),
    stage_candidates: candidatesView(ctx),
    stage_stamps: stampsView(ctx),
    engagement_stages: engagementStagesView(ctx),
    opportunity_stages: opportunityStagesView(ctx),
  };
  return VIEW_NAMES.map((name) => ({ name, sql: `CREATE OR REPLACE VIEW ${viewRef(ctx, name)} AS\n${bodies[name]}` }));
}

/** The (possibly schema-qualified) quoted name of one of our views. */
export function viewRef(ctx: { d: Dialect; naming: ViewNaming }, name: ViewName): string {
  const q = ctx.d.quoteIdentifier;
  const view = q(`${ctx.naming.prefix}${name}`);
  return ctx.naming.schemaName === undefined ? view : `${q(ctx.naming.schemaName)}.${view}`;
}

function table(ctx: Ctx, object: ObjectName): string {
  return ctx.d.quoteIdentifier(ctx.def.schema.objects[object].table);
}

/** `alias."Field"`. */
function col(ctx: Ctx, alias: string, field: string): string {
  return `${alias}.${ctx.d.quoteIdentifier(field)}`;
}

function stage(ctx: Ctx, k: StageNumber): CheckedStage {
  return ctx.def.stages[k - 1];
}

function enabled(ctx: Ctx, k: StageNumber): boolean {
  // Stages 1 and 4 are always stamped, whatever the IR says.
  return k === 1 || k === 4 || stage(ctx, k).enabled;
}

/** One key of a §4.3-style order: ascending; text keys compare by code point. */
interface OrderKey {
  readonly expr: string;
  /** A text key: forced to binary (code point) order by the dialect. */
  readonly text?: boolean;
  /** NULL sorts after every value (only used for text keys). */
  readonly nullsLast?: boolean;
  /** A non-null instant (first key only): may be packed with the small keys after it. */
  readonly instant?: boolean;
  /** A non-null integer in [0, smallBelow): may be packed into the preceding instant. */
  readonly smallBelow?: number;
}

interface FirstPerGroup {
  /** `[expression, alias]` pairs. */
  readonly columns: readonly (readonly [string, string])[];
  readonly from: string;
  readonly where?: string;
  readonly partitionBy: readonly string[];
  readonly orderBy: readonly OrderKey[];
  /** The columns are plain expressions (no window functions), so an aggregate form may be used. */
  readonly aggregatable: boolean;
}

/**
 * Packing an instant with small integer keys into one BIGINT, `micros * R + k` (R the product
 * of the small keys' ranges): the order is the same as comparing (instant, k…) field by field,
 * negative instants (before 1970) included, since 0 <= k < R. |micros| < 2.6e17 for years
 * 0001–9999, so R <= 32 keeps the product below 2^63 (9.2e18).
 */
const MAX_PACK_RANGE = 32;

function packedLeadingKeys(d: Dialect, keys: readonly OrderKey[]): { expr: string; count: number } | null {
  const micros = d.instantMicros;
  const first = keys[0];
  if (micros === undefined || first === undefined || first.instant !== true) return null;
  const small: OrderKey[] = [];
  for (const k of keys.slice(1)) {
    if (k.smallBelow === undefined) break;
    small.push(k);
  }
  const range = small.reduce((r, k) => r * (k.smallBelow ?? 1), 1);
  if (small.length === 0 || range > MAX_PACK_RANGE) return null;
  // Horner form: ((micros * r1 + k1) * r2 + k2) …
  const expr = small.reduce((acc, k, i) => `${i === 0 ? acc : `(${acc})`} * ${k.smallBelow ?? 1} + ${k.expr}`, micros(first.expr));
  return { expr, count: 1 + small.length };
}

/**
 * The first row of each group under an order. DuckDB: `arg_min` over a struct key in a hash
 * aggregate (several times faster than sorting every partition), with a leading instant and
 * small integer keys packed into one BIGINT (comparing structs field by field is what costs);
 * dialects with `QUALIFY`: a filtered ROW_NUMBER; the rest: a ROW_NUMBER subquery.
 */
function firstPerGroup(d: Dialect, q: FirstPerGroup): string {
  const where = q.where === undefined ? '' : `\nWHERE ${q.where}`;
  if (q.aggregatable && d.supportsArgMinStruct) {
    // Struct keys compare field by field, strings by bytes; a NULL owner becomes (true, '') so
    // it sorts after every non-null owner without relying on how structs order NULL fields.
    const keyName = (k: OrderKey, i: number): string => /\.(\w+)$/.exec(k.expr)?.[1] ?? `key${i}`;
    const packed = packedLeadingKeys(d, q.orderBy);
    const rest = packed === null ? q.orderBy : q.orderBy.slice(packed.count);
    const keyFields = [
      ...(packed === null ? [] : [`'packed_key': ${packed.expr}`]),
      ...rest.flatMap((k, i) =>
        k.nullsLast
          ? [`'${keyName(k, i)}_is_null': ${k.expr} IS NULL`, `'${keyName(k, i)}': COALESCE(${k.expr}, '')`]
          : [`'${keyName(k, i)}': ${k.expr}`],
      ),
    ];
    const key = packed !== null && rest.length === 0 ? packed.expr : `{${keyFields.join(', ')}}`;
    // Grouping columns come straight from the GROUP BY; only the others ride in the struct.
    const grouped = (expr: string): boolean => q.partitionBy.includes(expr);
    const atMin = d.valueAtMinKey;
    if (packed !== null && rest.length === 0 && atMin !== undefined) {
      // A BIGINT key: one plain aggregate per column (NULLs kept), far cheaper than a struct value.
      const cols = q.columns.map(([expr, alias]) => `${grouped(expr) ? expr : atMin(expr, key)} AS ${alias}`);
      return `SELECT\n  ${cols.join(',\n  ')}\nFROM ${q.from}${where}\nGROUP BY ${q.partitionBy.join(', ')}`;
    }
    const valueFields = q.columns.filter(([expr]) => !grouped(expr)).map(([expr, alias]) => `'${alias}': ${expr}`);
    const inner = q.columns.filter(([expr]) => grouped(expr)).map(([expr, alias]) => `${expr} AS ${alias}`);
    const select = q.columns
      .map(([expr, alias]) => (grouped(expr) ? `grouped.${alias} AS ${alias}` : `struct_extract(grouped.first_row, '${alias}') AS ${alias}`))
      .join(',\n  ');
    return [
      `SELECT\n  ${select}`,
      `FROM (\n  SELECT ${[...inner, `arg_min({${valueFields.join(', ')}}, ${key}) AS first_row`].join(', ')}`,
      `  FROM ${q.from}${where}`,
      `  GROUP BY ${q.partitionBy.join(', ')}\n) AS grouped`,
    ].join('\n');
  }
  const order = q.orderBy.map((k) => `${k.text ? d.binaryOrder(k.expr) : k.expr}${k.nullsLast ? ' NULLS LAST' : ''}`);
  const window = `ROW_NUMBER() OVER (PARTITION BY ${q.partitionBy.join(', ')} ORDER BY ${order.join(', ')})`;
  const select = q.columns.map(([expr, alias]) => `${expr} AS ${alias}`).join(',\n  ');
  if (d.supportsQualify) {
    return `SELECT\n  ${select}\nFROM ${q.from}${where}\nQUALIFY ${window} = 1`;
  }
  const outer = q.columns.map(([, alias]) => `ranked.${alias}`).join(',\n  ');
  return `SELECT\n  ${outer}\nFROM (\n  SELECT\n    ${select},\n    ${window} AS row_num\n  FROM ${q.from}${where}\n) AS ranked\nWHERE ranked.row_num = 1`;
}

/** The journey window test `[created_at, completed_at)` for instant `t`. */
function insideWindow(journey: string, t: string): string {
  return `${journey}.created_at <= ${t} AND (${journey}.completed_at IS NULL OR ${t} < ${journey}.completed_at)`;
}

function journeysView(ctx: Ctx): string {
  const e = ctx.def.schema.objects.Engagement.roles;
  return [
    'SELECT',
    `  ${col(ctx, 'e', e.id)} AS journey_id,`,
    `  ${col(ctx, 'e', e.owner)} AS owner_id,`,
    `  ${col(ctx, 'e', e.created)} AS created_at,`,
    `  ${col(ctx, 'e', e.completed)} AS completed_at,`,
    `  ${col(ctx, 'e', e.lead)} AS lead_id,`,
    `  ${col(ctx, 'e', e.contact)} AS contact_id`,
    `FROM ${table(ctx, 'Engagement')} AS e`,
    // In WHERE a NULL record type filters the row out, which is what "false" means here.
    `WHERE ${col(ctx, 'e', e.recordType)} = ${ctx.d.stringLiteral(ACTIVATION_RECORD_TYPE)}`,
  ].join('\n');
}

/** The §4.4 date of a version, as an instant (a date field is midnight UTC). */
function syncedDateExpr(ctx: Ctx): string {
  const field = stage(ctx, 6).dateFollows;
  const nullInstant = `CAST(NULL AS ${ctx.d.timestampType})`;
  if (!enabled(ctx, 6) || field === undefined) return nullInstant;
  const o = ctx.def.schema.objects.Opportunity;
  const latest = `FIRST_VALUE(${col(ctx, 'o', field)}) OVER (PARTITION BY ${col(ctx, 'o', o.roles.id)} ORDER BY ${col(ctx, 'o', o.roles.validFrom)} DESC)`;
  const type = o.fields[field]?.type;
  // A datetime field reports its calendar day, like a date field (SPEC §4.4: midnight UTC).
  const asDate = type === 'datetime' ? `CAST(${latest} AS DATE)` : latest;
  return `CAST(${asDate} AS ${ctx.d.timestampType})`;
}

function opportunityOriginsView(ctx: Ctx): string {
  const o = ctx.def.schema.objects.Opportunity.roles;
  const atMin = ctx.d.valueAtMinKey;
  const atMax = ctx.d.valueAtMaxKey;
  if (atMin !== undefined && atMax !== undefined) return opportunityOriginsAggregate(ctx, atMin, atMax);
  return firstPerGroup(ctx.d, {
    columns: [
      [col(ctx, 'o', o.id), 'opportunity_id'],
      // The journey is the earliest version's; later changes of the attribution are ignored (§4.2).
      [col(ctx, 'o', o.activation), 'journey_id'],
      [col(ctx, 'o', o.validFrom), 'created_at'],
      [col(ctx, 'o', o.owner), 'owner_id'],
      [syncedDateExpr(ctx), 'synced_date'],
    ],
    from: `${table(ctx, 'Opportunity')} AS o`,
    partitionBy: [col(ctx, 'o', o.id)],
    orderBy: [{ expr: col(ctx, 'o', o.validFrom) }],
    // synced_date is a window function (the latest version's value), so no aggregate form here.
    aggregatable: false,
  });
}

/**
 * The same view as one GROUP BY over the opportunity versions (earliest and latest version
 * picked by aggregates), where the dialect has them: one hash aggregate instead of two window
 * sorts per use of the view.
 */
function opportunityOriginsAggregate(
  ctx: Ctx,
  atMin: (value: string, key: string) => string,
  atMax: (value: string, key: string) => string,
): string {
  const o = ctx.def.schema.objects.Opportunity;
  const r = o.roles;
  const validFrom = col(ctx, 'o', r.validFrom);
  const field = stage(ctx, 6).dateFollows;
  let synced = `CAST(NULL AS ${ctx.d.timestampType})`;
  if (enabled(ctx, 6) && field !== undefined) {
    const latest = atMax(col(ctx, 'o', field), validFrom);
    // A datetime field reports its calendar day, like a date field (SPEC §4.4: midnight UTC).
    const asDate = o.fields[field]?.type === 'datetime' ? `CAST(${latest} AS DATE)` : latest;
    synced = `CAST(${asDate} AS ${ctx.d.timestampType})`;
  }
  return [
    'SELECT',
    `  ${col(ctx, 'o', r.id)} AS opportunity_id,`,
    // The journey is the earliest version's; later changes of the attribution are ignored (§4.2).
    `  ${atMin(col(ctx, 'o', r.activation), validFrom)} AS journey_id,`,
    `  MIN(${validFrom}) AS created_at,`,
    `  ${atMin(col(ctx, 'o', r.owner), validFrom)} AS owner_id,`,
    `  ${synced} AS synced_date`,
    `FROM ${table(ctx, 'Opportunity')} AS o`,
    `GROUP BY ${col(ctx, 'o', r.id)}`,
  ].join('\n');
}

function primaryOpportunitiesView(ctx: Ctx): string {
  return firstPerGroup(ctx.d, {
    columns: [
      ['j.journey_id', 'journey_id'],
      ['o.opportunity_id', 'opportunity_id'],
      ['o.created_at', 't'],
      ['o.owner_id', 'owner_id'],
    ],
    from: [
      `${viewRef(ctx, 'stage_opportunity_origins')} AS o`,
      `  JOIN ${viewRef(ctx, 'stage_journeys')} AS j ON j.journey_id = o.journey_id`,
      `  AND ${insideWindow('j', 'o.created_at')}`,
    ].join('\n'),
    partitionBy: ['j.journey_id'],
    orderBy: [{ expr: 'o.created_at' }, { expr: 'o.opportunity_id', text: true }],
    aggregatable: true,
  });
}

interface CandidateSelect {
  readonly object: 'engagement' | 'opportunity';
  readonly recordId: string;
  readonly sourceStage: string;
  readonly t: string;
  readonly sourceRank: string;
  readonly ownerId: string;
  readonly sourceId: string;
  readonly syncedDate: string;
  readonly from: string;
  readonly where?: string;
}

function candidateSelect(ctx: Ctx, c: CandidateSelect): string {
  const lines = [
    'SELECT',
    `  ${ctx.d.stringLiteral(c.object)} AS object,`,
    `  ${c.recordId} AS record_id,`,
    `  ${c.sourceStage} AS source_stage,`,
    `  ${c.t} AS t,`,
    `  ${c.sourceRank} AS source_rank,`,
    `  ${c.ownerId} AS owner_id,`,
    `  ${c.sourceId} AS source_id,`,
    `  ${c.syncedDate} AS synced_date`,
    `FROM ${c.from}`,
  ];
  if (c.where !== undefined) lines.push(`WHERE ${c.where}`);
  return lines.join('\n');
}

/** Direct stage 2/3 candidates of Lead and Contact versions (before the journey-window join). */
function personCandidateSelects(ctx: Ctx): string[] {
  const selects: string[] = [];
  for (const k of [2, 3] as const) {
    if (!enabled(ctx, k)) continue;
    for (const object of ['Contact', 'Lead'] as const) {
      const pred = stage(ctx, k).criteria[object];
      if (pred === undefined) continue;
      const r = ctx.def.schema.objects[object].roles;
      const where = compilePredicate(pred, ctx.d, (f: FieldRef) => col(ctx, 'v', f.name));
      selects.push(
        [
          'SELECT',
          `  ${col(ctx, 'v', r.currentActivation)} AS journey_id,`,
          `  ${k} AS source_stage,`,
          `  ${col(ctx, 'v', r.validFrom)} AS t,`,
          `  ${SOURCE_RANK[object]} AS source_rank,`,
          `  ${col(ctx, 'v', r.owner)} AS owner_id,`,
          `  ${col(ctx, 'v', r.id)} AS source_id`,
          `FROM ${table(ctx, object)} AS v`,
          `WHERE ${where}`,
        ].join('\n'),
      );
    }
  }
  return selects;
}

function candidatesView(ctx: Ctx): string {
  const nullInstant = `CAST(NULL AS ${ctx.d.timestampType})`;
  const o = ctx.def.schema.objects.Opportunity.roles;
  const parts: string[] = [];

  // Stage 1: the journey itself.
  parts.push(
    candidateSelect(ctx, {
      object: 'engagement',
      recordId: 'j.journey_id',
      sourceStage: '1',
      t: 'j.created_at',
      sourceRank: String(SOURCE_RANK.Engagement),
      ownerId: 'j.owner_id',
      sourceId: 'j.journey_id',
      syncedDate: nullInstant,
      from: `${viewRef(ctx, 'stage_journeys')} AS j`,
    }),
  );

  // Stages 2/3: person versions pointing at a journey whose window holds them.
  const people = personCandidateSelects(ctx);
  if (people.length > 0) {
    parts.push(
      candidateSelect(ctx, {
        object: 'engagement',
        recordId: 'j.journey_id',
        sourceStage: 'p.source_stage',
        t: 'p.t',
        sourceRank: 'p.source_rank',
        ownerId: 'p.owner_id',
        sourceId: 'p.source_id',
        syncedDate: nullInstant,
        from: [
          `(\n${people.join('\nUNION ALL\n')}\n) AS p`,
          `  JOIN ${viewRef(ctx, 'stage_journeys')} AS j ON j.journey_id = p.journey_id`,
          `  AND ${insideWindow('j', 'p.t')}`,
        ].join('\n'),
      }),
    );
  }

  // Stage 4 of the primary opportunity, back-filling the journey's stages 2/3 (§4.3).
  parts.push(
    candidateSelect(ctx, {
      object: 'engagement',
      recordId: 'po.journey_id',
      sourceStage: '4',
      t: 'po.t',
      sourceRank: String(SOURCE_RANK.Opportunity),
      ownerId: 'po.owner_id',
      sourceId: 'po.opportunity_id',
      syncedDate: nullInstant,
      from: `${viewRef(ctx, 'stage_primary_opportunities')} AS po`,
    }),
  );

  // Stage 4 of every opportunity, attributed or not.
  parts.push(
    candidateSelect(ctx, {
      object: 'opportunity',
      recordId: 'oo.opportunity_id',
      sourceStage: '4',
      t: 'oo.created_at',
      sourceRank: String(SOURCE_RANK.Opportunity),
      ownerId: 'oo.owner_id',
      sourceId: 'oo.opportunity_id',
      syncedDate: nullInstant,
      from: `${viewRef(ctx, 'stage_opportunity_origins')} AS oo`,
    }),
  );

  // Stages 5/6: opportunity versions meeting the criteria.
  for (const k of [5, 6] as const) {
    const pred = stage(ctx, k).criteria.Opportunity;
    if (!enabled(ctx, k) || pred === undefined) continue;
    const where = compilePredicate(pred, ctx.d, (f: FieldRef) => col(ctx, 'v', f.name));
    const sync = k === 6 && stage(ctx, 6).dateFollows !== undefined;
    parts.push(
      candidateSelect(ctx, {
        object: 'opportunity',
        recordId: col(ctx, 'v', o.id),
        sourceStage: String(k),
        t: col(ctx, 'v', o.validFrom),
        sourceRank: String(SOURCE_RANK.Opportunity),
        ownerId: col(ctx, 'v', o.owner),
        sourceId: col(ctx, 'v', o.id),
        syncedDate: sync ? 'oo.synced_date' : nullInstant,
        from: sync
          ? `${table(ctx, 'Opportunity')} AS v\n  JOIN ${viewRef(ctx, 'stage_opportunity_origins')} AS oo ON oo.opportunity_id = ${col(ctx, 'v', o.id)}`
          : `${table(ctx, 'Opportunity')} AS v`,
        where,
      }),
    );
  }
  return parts.join('\nUNION ALL\n');
}

/**
 * Which candidates may decide which stamps: (object, source stage j, stamped stage k) for every
 * enabled k and enabled j ≥ k of the same object — plus, for a journey's stages 2/3, the
 * stage-4 candidate of its primary opportunity (§4.3).
 */
function stageMapRows(ctx: Ctx): { object: 'engagement' | 'opportunity'; source: StageNumber; stage: StageNumber }[] {
  const rows: { object: 'engagement' | 'opportunity'; source: StageNumber; stage: StageNumber }[] = [];
  const on = (ks: readonly StageNumber[]) => ks.filter((k) => enabled(ctx, k));
  for (const k of on([1, 2, 3])) {
    for (const j of on([1, 2, 3])) if (j >= k) rows.push({ object: 'engagement', source: j, stage: k });
    if (k !== 1) rows.push({ object: 'engagement', source: 4, stage: k });
  }
  for (const k of on([4, 5, 6])) {
    for (const j of on([4, 5, 6])) if (j >= k) rows.push({ object: 'opportunity', source: j, stage: k });
  }
  return rows;
}

function stampsView(ctx: Ctx): string {
  const d = ctx.d;
  const map = stageMapRows(ctx)
    .map(
      (r) =>
        `SELECT ${d.stringLiteral(r.object)} AS object, ${r.source} AS source_stage, ${r.stage} AS stage, ${d.stringLiteral(stage(ctx, r.stage).label)} AS label`,
    )
    .join('\nUNION ALL\n');
  // Step 1: the least candidate per (record, source stage) under the §4.3 order key
  // (t, source_stage, source_rank, owner_id nulls last, source_id). Whichever stamp a source
  // stage can decide, only its least candidate can win it, so the stage_map fan-out below
  // sees at most one row per source stage instead of every candidate (the expensive part).
  const best = firstPerGroup(d, {
    columns: [
      ['c.object', 'object'],
      ['c.record_id', 'record_id'],
      ['c.source_stage', 'source_stage'],
      ['c.t', 't'],
      ['c.owner_id', 'owner_id'],
      ['c.synced_date', 'synced_date'],
    ],
    from: `${viewRef(ctx, 'stage_candidates')} AS c`,
    partitionBy: ['c.object', 'c.record_id', 'c.source_stage'],
    orderBy: [
      { expr: 'c.t', instant: true },
      { expr: 'c.source_rank', smallBelow: 4 },
      { expr: 'c.owner_id', text: true, nullsLast: true },
      { expr: 'c.source_id', text: true },
    ],
    aggregatable: true,
  });
  // Step 2: per stamped stage, the least of those rows. Their source stages differ, so
  // (t, source_stage) already decides: the rest of the key can never be reached.
  const body = firstPerGroup(d, {
    columns: [
      ['b.object', 'object'],
      ['b.record_id', 'record_id'],
      ['m.stage', 'stage'],
      ['m.label', 'label'],
      // Only a stage-6 candidate can win stage 6, and only there does the §4.4 date apply.
      ['CASE WHEN m.stage = 6 THEN COALESCE(b.synced_date, b.t) ELSE b.t END', 'stage_date'],
      ['b.owner_id', 'owner_id'],
      ['b.source_stage <> m.stage', 'inferred'],
    ],
    from: 'stage_best AS b\n  JOIN stage_map AS m ON m.object = b.object AND m.source_stage = b.source_stage',
    // The label follows from the stage; grouping by it too saves carrying it through the aggregate.
    partitionBy: ['b.object', 'b.record_id', 'm.stage', 'm.label'],
    orderBy: [
      { expr: 'b.t', instant: true },
      { expr: 'b.source_stage', smallBelow: 8 },
    ],
    aggregatable: true,
  });
  return `WITH stage_map AS (\n${map}\n),\nstage_best AS (\n${best}\n)\n${body}`;
}

/** One row per record of `object` with `stageK_date`, `stageK_owner_id`, `stageK_inferred` columns. */
function pivot(ctx: Ctx, object: 'engagement' | 'opportunity', ks: readonly StageNumber[]): string {
  const cols = ks.flatMap((k) => [
    `MAX(CASE WHEN s.stage = ${k} THEN s.stage_date END) AS stage${k}_date`,
    `MAX(CASE WHEN s.stage = ${k} THEN s.owner_id END) AS stage${k}_owner_id`,
    // MAX over booleans is not portable: count the inferred flag as 1/0 instead.
    `MAX(CASE WHEN s.stage = ${k} THEN CASE WHEN s.inferred THEN 1 ELSE 0 END END) = 1 AS stage${k}_inferred`,
  ]);
  return [
    'SELECT',
    '  s.record_id,',
    `  ${cols.join(',\n  ')}`,
    `FROM ${viewRef(ctx, 'stage_stamps')} AS s`,
    `WHERE s.object = ${ctx.d.stringLiteral(object)}`,
    'GROUP BY s.record_id',
  ].join('\n');
}

function stageColumns(alias: string, ks: readonly StageNumber[]): string[] {
  return ks.flatMap((k) => [`${alias}.stage${k}_date`, `${alias}.stage${k}_owner_id`, `${alias}.stage${k}_inferred`]);
}

function engagementStagesView(ctx: Ctx): string {
  return [
    'WITH engagement_pivot AS (',
    pivot(ctx, 'engagement', [1, 2, 3]),
    '),',
    'opportunity_pivot AS (',
    pivot(ctx, 'opportunity', [4, 5, 6]),
    ')',
    'SELECT',
    '  j.journey_id AS engagement_id,',
    '  j.lead_id,',
    '  j.contact_id,',
    `  ${stageColumns('ep', [1, 2, 3]).join(',\n  ')},`,
    '  po.opportunity_id AS primary_opportunity_id,',
    `  ${stageColumns('op', [4, 5, 6]).join(',\n  ')}`,
    `FROM ${viewRef(ctx, 'stage_journeys')} AS j`,
    '  LEFT JOIN engagement_pivot AS ep ON ep.record_id = j.journey_id',
    `  LEFT JOIN ${viewRef(ctx, 'stage_primary_opportunities')} AS po ON po.journey_id = j.journey_id`,
    '  LEFT JOIN opportunity_pivot AS op ON op.record_id = po.opportunity_id',
  ].join('\n');
}

function opportunityStagesView(ctx: Ctx): string {
  return [
    'WITH opportunity_pivot AS (',
    pivot(ctx, 'opportunity', [4, 5, 6]),
    ')',
    'SELECT',
    '  oo.opportunity_id,',
    '  oo.journey_id,',
    `  ${stageColumns('op', [4, 5, 6]).join(',\n  ')}`,
    `FROM ${viewRef(ctx, 'stage_opportunity_origins')} AS oo`,
    '  LEFT JOIN opportunity_pivot AS op ON op.record_id = oo.opportunity_id',
  ].join('\n');
}
