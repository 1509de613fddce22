/**
 * The shared scenario table (./table.ts) on every engine: the reference model (which the
 * table thereby validates), DuckDB, PostgreSQL and the TypeScript evaluator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/compiler/index.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { compareStampRows } from '../../src/runtime/stamp.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { listEngines, type TestEngine } from '../support/engines.js';
import { toDataset } from './build.js';
import { scenarios, type Scenario } from './table.js';

const schema = loadDefaultSchema();
const engines = await listEngines();

const checked = new Map<Scenario, CheckedDefinition>();

/** The scenario's checked definition (checked once, shared by every engine). */
function definitionOf(scenario: Scenario): CheckedDefinition {
  const known = checked.get(scenario);
  if (known !== undefined) return known;
  const result = checkSource(scenario.stages, { file: `${scenario.name}.stages`, schema });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.definition === null || errors.length > 0) {
    throw new Error(`scenario source does not check:\n${JSON.stringify(result.diagnostics, null, 2)}`);
  }
  checked.set(scenario, result.definition);
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
});

for (const entry of engines) {
  describe(`scenarios on ${entry.name}`, () => {
    let engine: TestEngine | undefined;
    beforeAll(async () => {
      engine = await entry.open();
    });
    afterAll(async () => {
      await engine?.close();
    });
    it.each(scenarios)('$rule $name', async (s) => {
      if (engine === undefined) throw new Error(`${entry.name} did not open`);
      const actual = await engine.stamps(definitionOf(s), toDataset(s.data, schema));
      expect(actual).toEqual(s.expected);
    });
  });
}
