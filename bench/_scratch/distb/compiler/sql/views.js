import { ACTIVATION_RECORD_TYPE } from '../../schema/types.js';
import { compilePredicate } from './predicate.js';
/** The view names, in dependency order. */
export const VIEW_NAMES = [
    'stage_journeys',
    'stage_opportunity_origins',
    'stage_primary_opportunities',
    'stage_candidates',
    'stage_stamps',
    'engagement_stages',
    'opportunity_stages',
];
/** Candidate source ranks of §4.3 (Contact wins a tie against Lead on conversion). */
const SOURCE_RANK = { Contact: 0, Lead: 1, Opportunity: 2, Engagement: 3 };
export function buildViews(def, dialect, naming) {
    const ctx = { def, d: dialect, naming };
    const bodies = {
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
export function viewRef(ctx, name) {
    const q = ctx.d.quoteIdentifier;
    const view = q(`${ctx.naming.prefix}${name}`);
    return ctx.naming.schemaName === undefined ? view : `${q(ctx.naming.schemaName)}.${view}`;
}
function table(ctx, object) {
    return ctx.d.quoteIdentifier(ctx.def.schema.objects[object].table);
}
/** `alias."Field"`. */
function col(ctx, alias, field) {
    return `${alias}.${ctx.d.quoteIdentifier(field)}`;
}
function stage(ctx, k) {
    return ctx.def.stages[k - 1];
}
function enabled(ctx, k) {
    // Stages 1 and 4 are always stamped, whatever the IR says.
    return k === 1 || k === 4 || stage(ctx, k).enabled;
}
/**
 * The first row of each group under an order. DuckDB: `arg_min` over a struct key in a hash
 * aggregate (several times faster than sorting every partition); dialects with `QUALIFY`: a
 * filtered ROW_NUMBER; the rest: a ROW_NUMBER subquery.
 */
function firstPerGroup(d, q) {
    const where = q.where === undefined ? '' : `\nWHERE ${q.where}`;
    if (q.aggregatable && d.supportsArgMinStruct) {
        // Struct keys compare field by field, strings by bytes; a NULL owner becomes (true, '') so
        // it sorts after every non-null owner without relying on how structs order NULL fields.
        const keyName = (k, i) => /\.(\w+)$/.exec(k.expr)?.[1] ?? `key${i}`;
        const keyFields = q.orderBy.flatMap((k, i) => k.nullsLast
            ? [`'${keyName(k, i)}_is_null': ${k.expr} IS NULL`, `'${keyName(k, i)}': COALESCE(${k.expr}, '')`]
            : [`'${keyName(k, i)}': ${k.expr}`]);
        const valueFields = q.columns.map(([expr, alias]) => `'${alias}': ${expr}`);
        const select = q.columns.map(([, alias]) => `struct_extract(grouped.first_row, '${alias}') AS ${alias}`).join(',\n  ');
        return [
            `SELECT\n  ${select}`,
            `FROM (\n  SELECT arg_min({${valueFields.join(', ')}}, {${keyFields.join(', ')}}) AS first_row`,
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
function insideWindow(journey, t) {
    return `${journey}.created_at <= ${t} AND (${journey}.completed_at IS NULL OR ${t} < ${journey}.completed_at)`;
}
function journeysView(ctx) {
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
function syncedDateExpr(ctx) {
    const field = stage(ctx, 6).dateFollows;
    const nullInstant = `CAST(NULL AS ${ctx.d.timestampType})`;
    if (!enabled(ctx, 6) || field === undefined)
        return nullInstant;
    const o = ctx.def.schema.objects.Opportunity;
    const latest = `FIRST_VALUE(${col(ctx, 'o', field)}) OVER (PARTITION BY ${col(ctx, 'o', o.roles.id)} ORDER BY ${col(ctx, 'o', o.roles.validFrom)} DESC)`;
    const type = o.fields[field]?.type;
    // A datetime field reports its calendar day, like a date field (SPEC §4.4: midnight UTC).
    const asDate = type === 'datetime' ? `CAST(${latest} AS DATE)` : latest;
    return `CAST(${asDate} AS ${ctx.d.timestampType})`;
}
function opportunityOriginsView(ctx) {
    const o = ctx.def.schema.objects.Opportunity.roles;
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
function primaryOpportunitiesView(ctx) {
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
function candidateSelect(ctx, c) {
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
    if (c.where !== undefined)
        lines.push(`WHERE ${c.where}`);
    return lines.join('\n');
}
/** Direct stage 2/3 candidates of Lead and Contact versions (before the journey-window join). */
function personCandidateSelects(ctx) {
    const selects = [];
    for (const k of [2, 3]) {
        if (!enabled(ctx, k))
            continue;
        for (const object of ['Contact', 'Lead']) {
            const pred = stage(ctx, k).criteria[object];
            if (pred === undefined)
                continue;
            const r = ctx.def.schema.objects[object].roles;
            const where = compilePredicate(pred, ctx.d, (f) => col(ctx, 'v', f.name));
            selects.push([
                'SELECT',
                `  ${col(ctx, 'v', r.currentActivation)} AS journey_id,`,
                `  ${k} AS source_stage,`,
                `  ${col(ctx, 'v', r.validFrom)} AS t,`,
                `  ${SOURCE_RANK[object]} AS source_rank,`,
                `  ${col(ctx, 'v', r.owner)} AS owner_id,`,
                `  ${col(ctx, 'v', r.id)} AS source_id`,
                `FROM ${table(ctx, object)} AS v`,
                `WHERE ${where}`,
            ].join('\n'));
        }
    }
    return selects;
}
function candidatesView(ctx) {
    const nullInstant = `CAST(NULL AS ${ctx.d.timestampType})`;
    const o = ctx.def.schema.objects.Opportunity.roles;
    const parts = [];
    // Stage 1: the journey itself.
    parts.push(candidateSelect(ctx, {
        object: 'engagement',
        recordId: 'j.journey_id',
        sourceStage: '1',
        t: 'j.created_at',
        sourceRank: String(SOURCE_RANK.Engagement),
        ownerId: 'j.owner_id',
        sourceId: 'j.journey_id',
        syncedDate: nullInstant,
        from: `${viewRef(ctx, 'stage_journeys')} AS j`,
    }));
    // Stages 2/3: person versions pointing at a journey whose window holds them.
    const people = personCandidateSelects(ctx);
    if (people.length > 0) {
        parts.push(candidateSelect(ctx, {
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
        }));
    }
    // Stage 4 of the primary opportunity, back-filling the journey's stages 2/3 (§4.3).
    parts.push(candidateSelect(ctx, {
        object: 'engagement',
        recordId: 'po.journey_id',
        sourceStage: '4',
        t: 'po.t',
        sourceRank: String(SOURCE_RANK.Opportunity),
        ownerId: 'po.owner_id',
        sourceId: 'po.opportunity_id',
        syncedDate: nullInstant,
        from: `${viewRef(ctx, 'stage_primary_opportunities')} AS po`,
    }));
    // Stage 4 of every opportunity, attributed or not.
    parts.push(candidateSelect(ctx, {
        object: 'opportunity',
        recordId: 'oo.opportunity_id',
        sourceStage: '4',
        t: 'oo.created_at',
        sourceRank: String(SOURCE_RANK.Opportunity),
        ownerId: 'oo.owner_id',
        sourceId: 'oo.opportunity_id',
        syncedDate: nullInstant,
        from: `${viewRef(ctx, 'stage_opportunity_origins')} AS oo`,
    }));
    // Stages 5/6: opportunity versions meeting the criteria.
    for (const k of [5, 6]) {
        const pred = stage(ctx, k).criteria.Opportunity;
        if (!enabled(ctx, k) || pred === undefined)
            continue;
        const where = compilePredicate(pred, ctx.d, (f) => col(ctx, 'v', f.name));
        const sync = k === 6 && stage(ctx, 6).dateFollows !== undefined;
        parts.push(candidateSelect(ctx, {
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
        }));
    }
    return parts.join('\nUNION ALL\n');
}
/**
 * Which candidates may decide which stamps: (object, source stage j, stamped stage k) for every
 * enabled k and enabled j ≥ k of the same object — plus, for a journey's stages 2/3, the
 * stage-4 candidate of its primary opportunity (§4.3).
 */
function stageMapRows(ctx) {
    const rows = [];
    const on = (ks) => ks.filter((k) => enabled(ctx, k));
    for (const k of on([1, 2, 3])) {
        for (const j of on([1, 2, 3]))
            if (j >= k)
                rows.push({ object: 'engagement', source: j, stage: k });
        if (k !== 1)
            rows.push({ object: 'engagement', source: 4, stage: k });
    }
    for (const k of on([4, 5, 6])) {
        for (const j of on([4, 5, 6]))
            if (j >= k)
                rows.push({ object: 'opportunity', source: j, stage: k });
    }
    return rows;
}
function stampsView(ctx) {
    const d = ctx.d;
    const map = stageMapRows(ctx)
        .map((r) => `SELECT ${d.stringLiteral(r.object)} AS object, ${r.source} AS source_stage, ${r.stage} AS stage, ${d.stringLiteral(stage(ctx, r.stage).label)} AS label`)
        .join('\nUNION ALL\n');
    const body = firstPerGroup(d, {
        columns: [
            ['m.object', 'object'],
            ['c.record_id', 'record_id'],
            ['m.stage', 'stage'],
            ['m.label', 'label'],
            // Only a stage-6 candidate can win stage 6, and only there does the §4.4 date apply.
            ['CASE WHEN m.stage = 6 THEN COALESCE(c.synced_date, c.t) ELSE c.t END', 'stage_date'],
            ['c.owner_id', 'owner_id'],
            ['c.source_stage <> m.stage', 'inferred'],
        ],
        from: `${viewRef(ctx, 'stage_candidates')} AS c\n  JOIN stage_map AS m ON m.object = c.object AND m.source_stage = c.source_stage`,
        partitionBy: ['c.object', 'c.record_id', 'm.stage'],
        // The §4.3 order key: (t, source_stage, source_rank, owner_id nulls last, source_id).
        orderBy: [
            { expr: 'c.t' },
            { expr: 'c.source_stage' },
            { expr: 'c.source_rank' },
            { expr: 'c.owner_id', text: true, nullsLast: true },
            { expr: 'c.source_id', text: true },
        ],
        aggregatable: true,
    });
    return `WITH stage_map AS (\n${map}\n)\n${body}`;
}
/** One row per record of `object` with `stageK_date`, `stageK_owner_id`, `stageK_inferred` columns. */
function pivot(ctx, object, ks) {
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
function stageColumns(alias, ks) {
    return ks.flatMap((k) => [`${alias}.stage${k}_date`, `${alias}.stage${k}_owner_id`, `${alias}.stage${k}_inferred`]);
}
function engagementStagesView(ctx) {
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
function opportunityStagesView(ctx) {
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
//# sourceMappingURL=views.js.map