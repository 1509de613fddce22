/**
 * Properties of the reference model that follow from SPEC §4 directly, checked on generated
 * cases — a second line of defence for the referee besides the hand-written scenario table.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/compiler/index.js';
import { compareCodePoints, compareStampRows, type StampRow } from '../../src/runtime/stamp.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { datasetArb, definitionArb } from '../support/arbitraries.js';
import { referenceStamps } from './model.js';

const schema = loadDefaultSchema();

describe('reference model invariants', () => {
  it('holds §4.3/§4.5 invariants on generated cases', () => {
    fc.assert(
      fc.property(definitionArb(schema), datasetArb(schema), (gen, data) => {
        const def = checkSource(gen.source, { file: 'g.stages', schema }).definition;
        if (def === null) throw new Error(`generated source does not check:\n${gen.source}`);
        const rows = referenceStamps(def, data);
        // Sorted, one row per (object, record, stage), only enabled stages, labels from the definition.
        rows.forEach((r, i) => {
          if (i > 0) expect(compareStampRows(rows[i - 1], r)).toBeLessThan(0);
          expect(def.stages[r.stage - 1].enabled).toBe(true);
          expect(r.label).toBe(def.stages[r.stage - 1].label);
        });
        const at = (object: StampRow['object'], id: string, stage: number) => rows.find((r) => r.object === object && r.record_id === id && r.stage === stage);
        // Stage 1: every Activation, at CreatedDate, its own owner, direct.
        for (const e of data.Engagement.filter((e) => e.RecordType === 'Activation')) {
          expect(at('engagement', String(e.Id), 1)).toMatchObject({ stage_date: e.CreatedDate, owner_id: e.OwnerId, inferred: false });
        }
        // Stage 4: every opportunity, at its earliest version, direct.
        for (const id of new Set(data.Opportunity.map((v) => String(v.Id)))) {
          const first = data.Opportunity.filter((v) => v.Id === id).sort((a, b) => compareCodePoints(String(a.valid_from), String(b.valid_from)))[0];
          expect(at('opportunity', id, 4)).toMatchObject({ stage_date: first.valid_from, owner_id: first.OwnerId, inferred: false });
        }
        // Least over a superset: earlier stages are never later; a stamped stage implies every enabled earlier one (back-fill).
        for (const r of rows) {
          const firstOfObject = r.object === 'engagement' ? 1 : 4;
          for (let k = firstOfObject; k < r.stage; k++) {
            if (!def.stages[k - 1].enabled) continue;
            const earlier = at(r.object, r.record_id, k);
            expect(earlier, `stage ${k} missing below stage ${r.stage}`).toBeDefined();
            if (earlier !== undefined && r.stage !== 6) expect(compareCodePoints(earlier.stage_date, r.stage_date)).toBeLessThanOrEqual(0);
          }
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
