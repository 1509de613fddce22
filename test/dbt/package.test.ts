/**
 * The generated dbt package, run by real dbt on dbt-duckdb and dbt-postgres (the tests'
 * throwaway cluster): `examples/acme` under the default and the enterprise definitions, and a
 * customer-schema definition (renamed roles and tables, `dbt_valid_from`) over generated data.
 * `stage_stamps` as dbt built it equals `stages run`'s on the same data, after a first build
 * (views), a re-run (views replaced) and two builds with the table materialization (a view
 * replaced by a table, then the table rebuilt); every build and its data tests pass with a
 * clean log. Under STAGECRAFT_DEEP=1 the same runs on dbt-spark in session mode.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageVars } from '../../src/compiler/dbt/index.js';
import type { StampRow } from '../../src/runtime/stamp.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { OBJECT_NAMES } from '../../src/schema/types.js';
import { datasetArb, unionOfDatasets } from '../support/arbitraries.js';
import { checkDefinition, expectCleanRun, stagesRunStamps } from '../support/dbt-cases.js';
import { createIntegrationProject, type DbtCase, type DbtTarget, type IntegrationProject } from '../support/dbt-project.js';
import { datasetCsv, DEEP } from '../support/differential.js';
import { getPgUrl } from '../support/pg.js';
import { CUSTOM_SCHEMA } from '../differential/custom-schema.js';

const schema = loadDefaultSchema();

const CUSTOMER_SOURCE = `journey "Customer journey"

stage 2 "MQL" {
  lead    when Status in ('Open', 'Working') and Score__c > 0
  contact when Is_Active__c or Topics__c includes ('AI')
}
stage 3 "SAL" {
  lead    when Status = 'Working' or Last_Touch__c >= datetime '2025-01-03T00:00:00Z'
}
stage 5 "SQL" {
  opportunity when Chance__c > 0 and Stage__c != 'Lost'
}
stage 6 "Won" {
  opportunity when Won__c
  date follows Close__c
}
`;

interface Expected {
  readonly packageName: string;
  readonly stamps: StampRow[];
}

/** The cases and `stages run`'s stamps for them; the customer case's files go into `scratch`. */
async function cases(scratch: string): Promise<{ cases: DbtCase[]; expected: Expected[] }> {
  const customerData = unionOfDatasets(CUSTOM_SCHEMA, fc.sample(datasetArb(CUSTOM_SCHEMA), { seed: 17, numRuns: 12 }));
  for (const object of OBJECT_NAMES) {
    writeFileSync(join(scratch, `${CUSTOM_SCHEMA.objects[object].table}.csv`), datasetCsv(CUSTOM_SCHEMA, object, customerData[object]));
  }
  const schemaFile = join(scratch, 'schema.json');
  writeFileSync(schemaFile, JSON.stringify(CUSTOM_SCHEMA));
  const customerFile = join(scratch, 'customer.stages');
  writeFileSync(customerFile, CUSTOMER_SOURCE);
  const acme = (file: string, packageName: string): DbtCase => ({
    packageName,
    definition: checkDefinition(readFileSync(file, 'utf8'), file, schema),
    data: { folder: 'examples/acme' },
  });
  const all: DbtCase[] = [
    acme('examples/default.stages', 'acme_default'),
    acme('examples/enterprise.stages', 'acme_enterprise'),
    { packageName: 'customer_schema', definition: checkDefinition(CUSTOMER_SOURCE, customerFile, CUSTOM_SCHEMA), data: { folder: scratch } },
  ];
  const expected = [
    { packageName: 'acme_default', stamps: await stagesRunStamps('examples/default.stages', 'examples/acme') },
    { packageName: 'acme_enterprise', stamps: await stagesRunStamps('examples/enterprise.stages', 'examples/acme') },
    { packageName: 'customer_schema', stamps: await stagesRunStamps(customerFile, scratch, schemaFile) },
  ];
  return { cases: all, expected };
}

/** dbt-duckdb and dbt-postgres; under STAGECRAFT_DEEP=1 also dbt-spark in session mode (Spark in-process, minutes). */
function targets(): { name: string; target: DbtTarget }[] {
  const url = getPgUrl();
  return [
    { name: 'dbt-duckdb', target: { adapter: 'duckdb' } },
    ...(url === null ? [] : [{ name: 'dbt-postgres', target: { adapter: 'postgres', url } as const }]),
    ...(DEEP ? [{ name: 'dbt-spark (session)', target: { adapter: 'spark' } as const }] : []),
  ];
}

/** `--vars` making every package's models tables. */
function tableVars(packages: readonly string[]): string {
  const vars: Record<string, string> = {};
  for (const pkg of packages) {
    const names = packageVars(pkg);
    vars[names.materialized] = 'table';
    vars[names.intermediateMaterialized] = 'table';
  }
  return JSON.stringify(vars);
}

/** Models and data tests (the seeds are loaded once, by `dbt seed`). */
const BUILD = ['build', '--exclude', 'resource_type:seed'];
/** dbt starts in seconds; four builds of three packages take a minute or more on a busy machine (Spark: many). */
const DBT_TIMEOUT = DEEP ? 1_800_000 : 300_000;

const scratch = mkdtempSync(join(tmpdir(), 'stagecraft-dbt-cases-'));
const prepared = await cases(scratch);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

for (const { name, target } of targets()) {
  describe(`the dbt package on ${name}`, () => {
    let project: IntegrationProject;
    beforeAll(() => {
      project = createIntegrationProject(prepared.cases, target);
    });
    afterAll(async () => {
      await project?.remove();
    });

    async function expectStamps(when: string): Promise<void> {
      const actual = await project.stamps(prepared.expected.map((e) => e.packageName));
      for (const { packageName, stamps } of prepared.expected) {
        expect(stamps.length, `${packageName} has stamps to compare`).toBeGreaterThan(0);
        expect(actual.get(packageName), `${packageName} ${when}`).toEqual(stamps);
      }
    }

    it('dbt seed, then dbt build: stamps equal stages run on acme (default, enterprise) and a customer schema', async () => {
      expectCleanRun(await project.dbt(['deps']), 'dbt deps');
      const seeded = await project.loadSeeds();
      if (seeded !== null) expectCleanRun(seeded, 'dbt seed');
      const build = await project.dbt(BUILD);
      expectCleanRun(build, 'dbt build');
      expect(build.log).toMatch(/PASS=\d+ WARN=0 ERROR=0/);
      await expectStamps('after the first build');
    }, DBT_TIMEOUT);

    it('a re-run replaces the views; the table materialization replaces them by tables and rebuilds those', async () => {
      expectCleanRun(await project.dbt(BUILD), 'dbt build (re-run)');
      const vars = tableVars(prepared.cases.map((c) => c.packageName));
      expectCleanRun(await project.dbt([...BUILD, '--vars', vars]), 'dbt build (tables)');
      const again = await project.dbt([...BUILD, '--vars', vars]);
      expectCleanRun(again, 'dbt build (tables, re-run)');
      expect(again.log).toMatch(/table model/);
      await expectStamps('after re-runs as tables');
    }, DBT_TIMEOUT);
  });
}
