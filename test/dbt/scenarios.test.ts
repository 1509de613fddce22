/**
 * The scenario table's datasets through the generated dbt package on dbt-duckdb: one package
 * per definition of the table over all its datasets (`groups`), plus a definition whose
 * labels, journey name and literals are Jinja, all in one integration project. `stage_stamps`
 * is built by `dbt run`; the stamps equal those of `stages run`'s engine (embedded DuckDB) on
 * the same data. The wide views and the data tests run on examples/acme (./package.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import type { Dataset } from '../../src/data/dataset.js';
import { createDuckDbEngine } from '../../src/engines/duckdb.js';
import type { Engine } from '../../src/engines/engine.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { unionOfDatasets } from '../support/arbitraries.js';
import { checkDefinition, expectCleanRun } from '../support/dbt-cases.js';
import { createIntegrationProject, type DbtCase, type IntegrationProject } from '../support/dbt-project.js';
import { activation, day, lead, toDataset } from '../scenarios/build.js';
import { scenarios } from '../scenarios/table.js';

const schema = loadDefaultSchema();

/**
 * Template syntax everywhere user text lands: it must reach the warehouse as text. The stage-5
 * and stage-6 labels hold characters YAML 1.1 (PyYAML, which dbt reads its YAML with) takes for
 * line breaks, in text the YAML writer would leave unquoted: the package's YAML must still parse.
 */
const JINJA_SOURCE = `journey "{# not a comment {% endraw %}"

stage 1 "{{ exceptions.raise_compiler_error('the label ran') }}"
stage 2 "{% if true %}MQL{% endif %}" {
  lead when Email = '{{ 7 * 7 }}' or Email ends with "{%- raw -%}"
}
stage 5 "Sales\u2028qualified" {
  opportunity when Probability > 50
}
stage 6 "Won\u2029deal" {
  opportunity when IsWon
}
`;
const JINJA_DATA = toDataset(
  {
    Engagement: [activation('E1', day(1), 'U-eng'), activation('E2', day(1), 'U-eng')],
    Lead: [
      lead('L1', day(2), { OwnerId: 'U-lead', CurrentActivationId: 'E1', Email: '{{ 7 * 7 }}' }),
      lead('L2', day(2), { OwnerId: 'U-lead', CurrentActivationId: 'E2', Email: '49' }),
      lead('L3', day(3), { OwnerId: 'U-lead', CurrentActivationId: 'E2', Email: 'x{%- raw -%}' }),
    ],
  },
  schema,
);

interface Group {
  readonly packageName: string;
  readonly definition: CheckedDefinition;
  readonly data: Dataset;
  readonly scenarios: readonly string[];
}

/**
 * One package per definition of the table, each over the whole table's data (every scenario's
 * dataset, stacked with disjoint ids): stamps of records with disjoint ids never interact, so
 * each scenario's stamps are among them, and one set of seeds serves every package.
 */
function groups(): Group[] {
  const data = unionOfDatasets(schema, scenarios.map((s) => toDataset(s.data, schema)));
  const byDefinition = new Map<string, string[]>();
  for (const s of scenarios) byDefinition.set(s.stages, [...(byDefinition.get(s.stages) ?? []), s.name]);
  const out: Group[] = [...byDefinition.entries()].map(([source, names], i) => ({
    packageName: `scenarios_${String(i + 1).padStart(2, '0')}`,
    definition: checkDefinition(source, `${names[0]}.stages`, schema),
    data,
    scenarios: names,
  }));
  out.push({ packageName: 'jinja_text', definition: checkDefinition(JINJA_SOURCE, 'jinja.stages', schema), data: JINJA_DATA, scenarios: ['Jinja in labels and literals'] });
  return out;
}

describe('the scenario table through the dbt package on dbt-duckdb', () => {
  const all = groups();
  let project: IntegrationProject;
  let engine: Engine;
  beforeAll(async () => {
    const cases: DbtCase[] = all.map((g) => ({ packageName: g.packageName, definition: g.definition, data: { dataset: g.data } }));
    project = createIntegrationProject(cases, { adapter: 'duckdb' });
    engine = await createDuckDbEngine();
  });
  afterAll(async () => {
    await engine?.close();
    await project?.remove();
  });

  it(`dbt seed and dbt run of stage_stamps for ${scenarios.length} scenarios (${all.length - 1} definitions) and Jinja text equal stages run`, async () => {
    expectCleanRun(await project.dbt(['deps']), 'dbt deps');
    const seeded = await project.loadSeeds();
    if (seeded !== null) expectCleanRun(seeded, 'dbt seed');
    // The models of stage_stamps only, without data tests: the stamps are compared whole, and
    // the wide views and every data test run on examples/acme (./package.test.ts).
    const build = await project.dbt(['run', '--select', '+stage_stamps']);
    expectCleanRun(build, 'dbt run');
    const actual = await project.stamps(all.map((g) => g.packageName));
    for (const g of all) {
      const expected = await engine.stamps(g.definition, g.data);
      expect(actual.get(g.packageName), `${g.packageName}: ${g.scenarios.join(', ')}`).toEqual(expected);
    }
    const jinja = actual.get('jinja_text')!;
    expect(jinja.map((s) => [s.record_id, s.stage, s.label])).toEqual([
      ['E1', 1, "{{ exceptions.raise_compiler_error('the label ran') }}"],
      ['E1', 2, '{% if true %}MQL{% endif %}'],
      ['E2', 1, "{{ exceptions.raise_compiler_error('the label ran') }}"],
      ['E2', 2, '{% if true %}MQL{% endif %}'],
    ]);
  }, 600_000);
});
