/**
 * `stages explain` agrees with the stamps: for generated definitions × datasets, the winning
 * candidate explain reports for every enabled stage of every journey and opportunity
 * reproduces that stamp's date, owner and inferred flag, and every stage explain reports as not
 * stamped has no stamp — compared with the DuckDB views and with the TypeScript evaluator.
 * The explanation also has to be consistent with itself: the source's stage and instant match
 * the stamp it claims, each runner-up loses on the key part it names, and the nearest version
 * of a reason really missed the journey or its window.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { loadCompiledDefinition } from '../../src/compiler/ts/index.js';
import type { Dataset } from '../../src/data/dataset.js';
import { replaceTableWithRows } from '../../src/data/duckdb/append.js';
import { tableLayouts } from '../../src/data/duckdb/layout.js';
import { openDuckDbSession, type DuckDbSession } from '../../src/data/duckdb/session.js';
import { createDuckDbEngine } from '../../src/engines/duckdb.js';
import type { Engine } from '../../src/engines/engine.js';
import { createTsEngine } from '../../src/engines/ts.js';
import type { CandidateSource, Explanation, LostOn, Reason, RunnerUp } from '../../src/explain/explain.js';
import { criteriaSources } from '../../src/explain/lines.js';
import { explainId } from '../../src/explain/load.js';
import { compareCodePoints, compareStampRows, type StampRow } from '../../src/runtime/stamp.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { ACTIVATION_RECORD_TYPE, type Schema } from '../../src/schema/types.js';
import { CUSTOM_SCHEMA } from '../differential/custom-schema.js';
import { datasetArb, definitionArb, unionOfDatasets, type GeneratedDefinition } from '../support/arbitraries.js';
import { checkGenerated, checkProperty, DEEP, runParameters, stampDiff, writeRepro } from '../support/differential.js';

const RUNS = DEEP ? 400 : 60;
const PER_DEFINITION = DEEP ? 6 : 2;

const SCHEMAS: readonly { readonly name: string; readonly schema: Schema; readonly share: number }[] = [
  { name: 'the default Salesforce schema', schema: loadDefaultSchema(), share: 0.8 },
  { name: 'a customer schema (renamed roles and tables)', schema: CUSTOM_SCHEMA, share: 0.2 },
];

interface Case {
  readonly gen: GeneratedDefinition;
  readonly datasets: readonly Dataset[];
}

/** How often each reason and each deciding key part came up (logged: what the run exercised). */
const seen = new Map<string, number>();
const count = (what: string): void => void seen.set(what, (seen.get(what) ?? 0) + 1);

const RANK = { contact: 0, lead: 1, opportunity: 2, engagement: 3 } as const;

/** A runner-up is after the winner by the key part it names, and equal on every part before it. */
function checkRunnerUp(winner: CandidateSource, r: RunnerUp): void {
  const parts: [LostOn, number][] = [
    ['t', compareCodePoints(r.t, winner.valid_from)],
    ['source_stage', r.stage - winner.stage],
    ['source_rank', RANK[r.object] - RANK[winner.object]],
    ['owner_id', r.owner_id === winner.owner_id ? 0 : r.owner_id === null ? 1 : winner.owner_id === null ? -1 : compareCodePoints(r.owner_id, winner.owner_id)],
    ['source_id', compareCodePoints(r.record_id, winner.record_id)],
  ];
  const decided = parts.find(([, order]) => order !== 0);
  count(`lost on ${r.lost_on}`);
  expect(decided?.[0]).toBe(r.lost_on);
  expect(decided![1]).toBeGreaterThan(0);
}

/** A reason's nearest version really missed: it names another journey, or lies outside the window. */
function checkReason(x: Explanation, reason: Reason): void {
  const n = reason.nearest;
  count(`reason ${reason.code}`);
  if (reason.code === 'not_met' || reason.code === 'no_criteria') return expect(n).toBeNull();
  expect(n).not.toBeNull();
  if (reason.code === 'other_journey') return expect(n!.current_activation_id).not.toBe(x.record_id);
  expect(n!.current_activation_id).toBe(x.record_id);
  const { from, until } = x.window!;
  if (reason.code === 'outside_window') expect(compareCodePoints(n!.valid_from, from)).toBeLessThan(0);
  else expect(until !== null && compareCodePoints(n!.valid_from, until) >= 0).toBe(true);
}

/** The stamp rows an explanation claims, checked against its own sources on the way. */
function claimedRows(x: Explanation): StampRow[] {
  const out: StampRow[] = [];
  for (const s of x.stages) {
    if (!s.stamped) {
      expect(s.source).toBeNull();
      checkReason(x, s.reason!);
      continue;
    }
    const source = s.source!;
    expect(source.stage).toBeGreaterThanOrEqual(s.stage);
    expect(s.inferred).toBe(source.stage !== s.stage);
    expect(s.owner_id).toBe(source.owner_id);
    expect(source.line === null).toBe(source.stage === 1 || source.stage === 4);
    if (s.inferred) count(`back-filled from ${source.object}`);
    if (s.date_follows?.used === true) count('date follows');
    if (s.date_follows?.used !== true) expect(s.stage_date).toBe(source.valid_from);
    for (const r of s.runners_up) checkRunnerUp(source, r);
    out.push({ object: x.object, record_id: x.record_id, stage: s.stage, label: s.label, stage_date: s.stage_date!, owner_id: s.owner_id, inferred: s.inferred! });
  }
  return out;
}

async function explainAll(session: DuckDbSession, definition: CheckedDefinition, source: string, data: Dataset): Promise<StampRow[]> {
  const { connection } = session;
  for (const layout of tableLayouts(definition.schema)) await replaceTableWithRows(connection, layout, data[layout.object]);
  const ctx = { definition, evaluator: await loadCompiledDefinition(definition), sources: criteriaSources(source) };
  const E = definition.schema.objects.Engagement.roles;
  const O = definition.schema.objects.Opportunity.roles;
  const journeys = data.Engagement.filter((e) => e[E.recordType] === ACTIVATION_RECORD_TYPE).map((e) => String(e[E.id]));
  const opportunities = [...new Set(data.Opportunity.map((o) => String(o[O.id])))];
  const rows: StampRow[] = [];
  for (const id of journeys) {
    const x = await explainId(connection, ctx, id, 'engagement');
    expect(x.stages.map((s) => s.stage)).toEqual([1, 2, 3].filter((k) => definition.stages[k - 1]!.enabled));
    rows.push(...claimedRows(x));
  }
  for (const id of opportunities) {
    const x = await explainId(connection, ctx, id, 'opportunity');
    expect(x.stages.map((s) => s.stage)).toEqual([4, 5, 6].filter((k) => definition.stages[k - 1]!.enabled));
    rows.push(...claimedRows(x));
  }
  return rows.sort(compareStampRows);
}

describe('stages explain agrees with the stamps of the DuckDB views and the TypeScript evaluator', () => {
  let session: DuckDbSession;
  const engines: Engine[] = [];
  beforeAll(async () => {
    session = await openDuckDbSession();
    engines.push(await createDuckDbEngine(), await createTsEngine());
  });
  afterAll(async () => {
    for (const engine of engines) await engine.close();
    await session.close();
    console.log(`explain agreement exercised: ${[...seen].sort().map(([what, n]) => `${what} ${n}`).join(', ')}`);
  });

  it.each(SCHEMAS)(
    'generated definition×dataset pairs: $name',
    async ({ schema, share }) => {
      let pairs = 0;
      const arb = fc.record({ gen: definitionArb(schema), datasets: fc.array(datasetArb(schema), { minLength: 1, maxLength: PER_DEFINITION }) });
      const property = fc.asyncProperty(arb, async ({ gen, datasets }: Case) => {
        const definition = checkGenerated(gen.source, schema);
        const data = unionOfDatasets(schema, datasets);
        const explained = await explainAll(session, definition, gen.source, data);
        for (const engine of engines) {
          const diff = stampDiff(await engine.stamps(definition, data), explained);
          if (diff !== null) throw new Error(`explain disagrees with ${engine.name} (- ${engine.name}, + explain):\n${diff}`);
        }
        pairs += datasets.length;
      });
      await checkProperty(property, runParameters(Math.max(1, Math.round(RUNS * share))) as fc.Parameters<[Case]>, (c, error) =>
        writeRepro(schema, c.gen.source, unionOfDatasets(schema, c.datasets), String(error)),
      );
      expect(pairs).toBeGreaterThan(0);
    },
    DEEP ? 3_600_000 : 60_000,
  );
});
