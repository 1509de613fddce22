/**
 * `stages diff` counts against a brute-force comparison: for generated pairs of definitions
 * over one generated dataset, the report's per-(object, stage) counts equal those computed in
 * JavaScript from the two definitions' `stage_stamps` (the DuckDB engine over rows in memory);
 * a definition diffed with itself changes nothing; and the TypeScript engine gives the same
 * report as DuckDB.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import type { Dataset } from '../../src/data/dataset.js';
import { replaceTableWithRows } from '../../src/data/duckdb/append.js';
import { tableLayouts } from '../../src/data/duckdb/layout.js';
import { openDuckDbSession } from '../../src/data/duckdb/session.js';
import { compareStamps, type DiffReport } from '../../src/diff/compare.js';
import { createDuckDbEngine } from '../../src/engines/duckdb.js';
import type { Engine } from '../../src/engines/engine.js';
import { stampInSession, type StampRelations } from '../../src/engines/run.js';
import type { StampRow } from '../../src/runtime/index.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { datasetArb, definitionArb } from '../support/arbitraries.js';
import { checkGenerated, DEEP, runParameters } from '../support/differential.js';

const schema = loadDefaultSchema();
const OLD: StampRelations = { stamps: 'old_stamps', primary: 'old_primary', viewPrefix: 'old_' };
const NEW: StampRelations = { stamps: 'new_stamps', primary: 'new_primary', viewPrefix: 'new_' };

let engine: Engine;
beforeAll(async () => {
  engine = await createDuckDbEngine();
});
afterAll(async () => {
  await engine.close();
});

async function diffOnDuckDb(old: CheckedDefinition, next: CheckedDefinition, data: Dataset, on: 'duckdb' | 'ts'): Promise<DiffReport> {
  const session = await openDuckDbSession();
  try {
    for (const layout of tableLayouts(schema)) await replaceTableWithRows(session.connection, layout, data[layout.object]);
    await stampInSession(session, old, { engine: on }, OLD);
    await stampInSession(session, next, { engine: on }, NEW);
    return await compareStamps(session, { old, new: next }, { old: OLD, new: NEW }, { samples: 3 });
  } finally {
    await session.close();
  }
}

type Counts = Record<string, Record<'old_count' | 'new_count' | 'added' | 'removed' | 'earlier' | 'later' | 'owner_changed' | 'unchanged' | 'inferred_flips', number>>;

/** The same counts by hand, from two lists of stamp rows. */
function bruteForce(old: readonly StampRow[], next: readonly StampRow[]): Counts {
  const counts: Counts = {};
  const at = (r: StampRow) => (counts[`${r.object}:${r.stage}`] ??= { old_count: 0, new_count: 0, added: 0, removed: 0, earlier: 0, later: 0, owner_changed: 0, unchanged: 0, inferred_flips: 0 });
  const key = (r: StampRow) => `${r.object}\u0000${r.record_id}\u0000${r.stage}`;
  const newByKey = new Map(next.map((r) => [key(r), r]));
  const oldKeys = new Set(old.map(key));
  for (const o of old) {
    const c = at(o);
    c.old_count++;
    const n = newByKey.get(key(o));
    if (n === undefined) c.removed++;
    else if (n.stage_date < o.stage_date) c.earlier++;
    else if (n.stage_date > o.stage_date) c.later++;
    else if (n.owner_id !== o.owner_id) c.owner_changed++;
    else c.unchanged++;
    if (n !== undefined && n.inferred !== o.inferred) c.inferred_flips++;
  }
  for (const n of next) {
    const c = at(n);
    c.new_count++;
    if (!oldKeys.has(key(n))) c.added++;
  }
  return counts;
}

function reportCounts(report: DiffReport): Counts {
  const counts: Counts = {};
  for (const s of report.stages) {
    if (s.old_count + s.new_count === 0) continue;
    const { old_count, new_count, added, removed, earlier, later, owner_changed, unchanged, inferred_flips } = s;
    counts[`${s.object}:${s.stage}`] = { old_count, new_count, added, removed, earlier, later, owner_changed, unchanged, inferred_flips };
  }
  return counts;
}

const pairArb = fc.record({ old: definitionArb(schema), next: definitionArb(schema), data: datasetArb(schema) });

describe('stages diff: counts', () => {
  it('equal a brute-force comparison of the two definitions’ stamps, on DuckDB and on the evaluator', async () => {
    await fc.assert(
      fc.asyncProperty(pairArb, async ({ old, next, data }) => {
        const oldDef = checkGenerated(old.source, schema);
        const newDef = checkGenerated(next.source, schema);
        const expected = bruteForce(await engine.stamps(oldDef, data), await engine.stamps(newDef, data));
        const onDuckDb = await diffOnDuckDb(oldDef, newDef, data, 'duckdb');
        expect(reportCounts(onDuckDb)).toEqual(expected);
        const onTs = await diffOnDuckDb(oldDef, newDef, data, 'ts');
        expect(onTs).toEqual(onDuckDb);
      }),
      runParameters(DEEP ? 150 : 12),
    );
  });

  it('are zero changes for a definition diffed with itself', async () => {
    await fc.assert(
      fc.asyncProperty(definitionArb(schema), datasetArb(schema), async (generated, data) => {
        const def = checkGenerated(generated.source, schema);
        const report = await diffOnDuckDb(def, def, data, 'duckdb');
        expect(report.changed).toBe(false);
        expect(report.samples).toEqual([]);
        for (const s of report.stages) expect(s.unchanged).toBe(s.old_count);
      }),
      runParameters(DEEP ? 150 : 12),
    );
  });
});
