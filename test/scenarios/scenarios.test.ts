/**
 * The shared scenario table (./table.ts) on every engine: the reference model (which the
 * table thereby validates), DuckDB, PostgreSQL and the TypeScript evaluator — in two layouts:
 * the default one, and a replica's (test/support/replica-layout.ts) where every field lives in
 * a column spelled apart from its name. The `.stages` sources name fields, so the expected
 * stamps are the same: the back ends must read columns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/compiler/index.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { compareStampRows } from '../../src/runtime/stamp.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import type { Dataset } from '../../src/data/dataset.js';
import type { Schema } from '../../src/schema/types.js';
import { DEEP } from '../support/differential.js';
import { listEngines, type TestEngine } from '../support/engines.js';
import { replicaDataset, replicaSchema } from '../support/replica-layout.js';
import { toDataset } from './build.js';
import { scenarios, type Scenario } from './table.js';

const schema = loadDefaultSchema();
const replica = replicaSchema(schema);
const engines = await listEngines();

interface Layout {
  readonly name: string;
  readonly schema: Schema;
  dataset(s: Scenario): Dataset;
}

const LAYOUTS: readonly Layout[] = [
  { name: 'default layout', schema, dataset: (s) => toDataset(s.data, schema) },
  { name: 'replica columns', schema: replica, dataset: (s) => replicaDataset(toDataset(s.data, schema), schema, replica) },
];

const checked = new Map<string, CheckedDefinition>();

/** The scenario's checked definition against `against` (checked once, shared by every engine). */
function definitionOf(scenario: Scenario, against: Schema = schema): CheckedDefinition {
  const key = `${against === schema ? 'default' : 'replica'}\u0000${scenario.name}`;
  const known = checked.get(key);
  if (known !== undefined) return known;
  const result = checkSource(scenario.stages, { file: `${scenario.name}.stages`, schema: against });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.definition === null || errors.length > 0) {
    throw new Error(`scenario source does not check:\n${JSON.stringify(result.diagnostics, null, 2)}`);
  }
  checked.set(key, result.definition);
  return result.definition;
}

describe('the scenario table itself', () => {
  it('has unique names', () => {
    const names = scenarios.map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
  it.each(scenarios)('lists expected stamps in the §4.5 order: $name', (s) => {
    expect([...s.expected].sort(compareStampRows)).toEqual(s.expected);
  });
  it.each(scenarios)('checks without errors: $name', (s) => {
    expect(definitionOf(s).stages).toHaveLength(6);
  });
  it('has a replica layout whose columns and tables are not the field names', () => {
    const lead = definitionOf(scenarios[0], replica).schema.objects.Lead;
    expect(lead.table).toBe('lead_history');
    expect(lead.roles).toEqual({ id: 'id', owner: 'owner_id', currentActivation: 'current_activation_id', validFrom: '_fivetran_start' });
    expect(Object.keys(lead.fields)).toContain('is_converted');
  });
});

/** Spark costs about a second a case: the default run gives it the default layout, the deep run both. */
const layoutsOf = (engine: string): readonly Layout[] => (engine.startsWith('spark') && !DEEP ? LAYOUTS.slice(0, 1) : LAYOUTS);

for (const entry of engines) {
  describe.each(layoutsOf(entry.name))(`scenarios on ${entry.name}, $name`, (layout) => {
    let engine: TestEngine | undefined;
    beforeAll(async () => {
      engine = await entry.open();
    });
    afterAll(async () => {
      await engine?.close();
    });
    it.each(scenarios)('$rule $name', async (s) => {
      if (engine === undefined) throw new Error(`${entry.name} did not open`);
      const actual = await engine.stamps(definitionOf(s, layout.schema), layout.dataset(s));
      expect(actual).toEqual(s.expected);
    });
  });
}
