/**
 * Oracle 0 — the front end: a generated definition rendered as `.stages` text and checked by
 * `checkSource` must mean what the generator meant: same enabled stages, labels and
 * `date follows`, and per criteria line a predicate that agrees with the generated one on
 * every row of a generated dataset. (All engines read the checked IR, so a front-end bug
 * would otherwise be invisible to the engine comparison.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, type CheckedDefinition } from '../../src/compiler/ir.js';
import type { Dataset } from '../../src/data/dataset.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import type { VersionedObjectName } from '../../src/schema/types.js';
import { evaluatePredicate } from '../reference/model.js';
import { datasetArb, definitionArb, SMALL, type GeneratedDefinition } from '../support/arbitraries.js';
import { checkGenerated, checkProperty, DEEP, runParameters, writeRepro } from '../support/differential.js';

const schema = loadDefaultSchema();
const RUNS = DEEP ? 3000 : 300;

function disagreement(gen: GeneratedDefinition, checked: CheckedDefinition, data: Dataset): string | null {
  for (const g of gen.stages) {
    const c = checked.stages[g.stage - 1];
    const fixed = g.stage === 1 || g.stage === 4;
    const enabled = fixed || g.mode === 'block';
    if (c.enabled !== enabled) return `stage ${g.stage}: enabled ${c.enabled}, meant ${enabled}`;
    const label = g.mode === 'absent' ? DEFAULT_LABELS[g.stage] : g.label;
    if (c.label !== label) return `stage ${g.stage}: label ${JSON.stringify(c.label)}, meant ${JSON.stringify(label)}`;
    if ((c.dateFollows ?? undefined) !== g.dateFollows) return `stage ${g.stage}: date follows ${c.dateFollows}, meant ${g.dateFollows}`;
    if (!enabled) continue;
    for (const object of ['Lead', 'Contact', 'Opportunity'] as VersionedObjectName[]) {
      const meant = g.criteria[object];
      const got = c.criteria[object];
      if ((meant === undefined) !== (got === undefined)) return `stage ${g.stage} ${object}: criteria ${got ? 'present' : 'missing'}`;
      if (meant === undefined || got === undefined) continue;
      for (const row of data[object]) {
        const want = evaluatePredicate(meant, row);
        if (evaluatePredicate(got, row) !== want) {
          return `stage ${g.stage} ${object}: the checked predicate gives ${!want} on ${JSON.stringify(row)}, the generated one ${want}`;
        }
      }
    }
  }
  return null;
}

describe('oracle 0: the checked IR means what the generated source says', () => {
  it(`${RUNS} generated definitions`, async () => {
    const property = fc.property(fc.record({ gen: definitionArb(schema), data: datasetArb(schema, { ...SMALL, maxRecords: 4, maxVersions: 4 }) }), ({ gen, data }) => {
      const problem = disagreement(gen, checkGenerated(gen.source, schema), data);
      if (problem !== null) throw new Error(`${problem}\n--- source ---\n${gen.source}`);
    });
    const details = await checkProperty(property, runParameters(RUNS) as fc.Parameters<[{ gen: GeneratedDefinition; data: Dataset }]>, ({ gen, data }, error) =>
      writeRepro(schema, gen.source, data, `front-end disagreement: ${String(error)}`),
    );
    expect(details.failed).toBe(false);
  }, DEEP ? 3_600_000 : 120_000);
});
