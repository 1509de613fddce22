/**
 * `stages compile --target dbt` in-process: the package folder and its files, the package
 * name, usage errors, and the folder written whole (a generated package is replaced, anything
 * else is never touched). That the package runs is ./package.test.ts's job (real dbt).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DBT_ADAPTERS } from '../../src/compiler/dbt/index.js';
import { VIEW_NAMES } from '../../src/compiler/sql/index.js';
import { runCli } from '../support/cli.js';

const DEFAULT_STAGES = 'examples/default.stages';

describe('stages compile --target dbt', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stagecraft-dbt-compile-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes DIR/<file>_stages/: project, sources, schema, one model and one macro file per view', async () => {
    const result = await runCli(['compile', DEFAULT_STAGES, '--target', 'dbt', '--out', dir]);
    expect(result.code, result.err).toBe(0);
    const root = join(dir, 'default_stages');
    expect(result.err).toContain(`wrote ${root}`);
    expect(readdirSync(dir)).toEqual(['default_stages']);
    expect(readdirSync(join(root, 'models')).sort()).toEqual([...VIEW_NAMES.map((v) => `${v}.sql`), 'schema.yml', 'sources.yml'].sort());
    expect(readdirSync(join(root, 'macros')).sort()).toEqual([...VIEW_NAMES.map((v) => `${v}.sql`), 'unique_combination.sql'].sort());

    const project = parse(readFileSync(join(root, 'dbt_project.yml'), 'utf8'));
    expect(project).toMatchObject({ name: 'default_stages', 'config-version': 2, 'require-dbt-version': ['>=1.10.0', '<2.0.0'] });
    expect(project.vars.default_stages).toEqual({
      default_stages_schema: 'salesforce',
      default_stages_engagement_identifier: 'engagement',
      default_stages_lead_identifier: 'lead',
      default_stages_contact_identifier: 'contact',
      default_stages_opportunity_identifier: 'opportunity',
      default_stages_materialized: 'view',
      default_stages_intermediate_materialized: 'view',
    });
    const sources = parse(readFileSync(join(root, 'models', 'sources.yml'), 'utf8'));
    expect(sources.sources[0].schema).toBe("{{ var('default_stages_schema') }}");
    expect(sources.sources[0].tables.map((t: { identifier: string }) => t.identifier)).toContain("{{ var('default_stages_lead_identifier') }}");

    const schema = parse(readFileSync(join(root, 'models', 'schema.yml'), 'utf8'));
    const stamps = schema.models.find((m: { name: string }) => m.name === 'stage_stamps');
    expect(stamps.description).toContain('"MQL"');
    expect(stamps.data_tests).toEqual([{ 'default_stages.unique_combination': { arguments: { columns: ['object', 'record_id', 'stage'] } } }]);
    const stage = stamps.columns.find((c: { name: string }) => c.name === 'stage');
    expect(stage.data_tests).toContainEqual({ accepted_values: { arguments: { values: [1, 2, 3, 4, 5, 6], quote: false } } });

    const model = readFileSync(join(root, 'models', 'stage_stamps.sql'), 'utf8');
    expect(model).toContain("config(materialized=var('default_stages_materialized'))");
    expect(model).toContain('{{ default_stages.stage_stamps_sql() }}');
    const macros = readFileSync(join(root, 'macros', 'stage_stamps.sql'), 'utf8');
    expect(macros).toContain("adapter.dispatch('stage_stamps_sql', 'default_stages')");
    for (const adapter of DBT_ADAPTERS) expect(macros).toContain(`{% macro ${adapter.type}__stage_stamps_sql() -%}`);
    expect(macros).toContain('{{ return(default_stages.spark__stage_stamps_sql()) }}');
    expect(macros).toMatch(/default__stage_stamps_sql\(\)[\s\S]*raise_compiler_error/);
    expect(macros).toContain("{{ ref('stage_opportunity_candidates') }}");
    expect(readFileSync(join(root, 'macros', 'stage_journeys.sql'), 'utf8')).toContain("{{ source('default_stages', 'engagement') }}");
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('local: path/to/default_stages');
  });

  it('--package-name names the package, its vars and its source', async () => {
    const result = await runCli(['compile', DEFAULT_STAGES, '--target', 'dbt', '--out', dir, '--package-name', 'acme_funnel']);
    expect(result.code, result.err).toBe(0);
    expect(readFileSync(join(dir, 'acme_funnel', 'models', 'sources.yml'), 'utf8')).toContain("var('acme_funnel_schema')");
  });

  it.each([
    [['--package-name', 'Acme-Funnel'], "package name 'Acme-Funnel' must start with a lower-case letter"],
    [['--package-name', 'target'], "package name 'target' is reserved"],
    [['--dialect', 'duckdb'], '--dialect applies to --target sql only'],
    [['--prefix', 'x_'], '--prefix applies to --target sql only'],
    [['--schema-name', 'x'], '--schema-name applies to --target sql only'],
  ])('refuses %j as a usage error, writing nothing', async (flags, message) => {
    const result = await runCli(['compile', DEFAULT_STAGES, '--target', 'dbt', '--out', dir, ...flags]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--package-name is refused on the other targets', async () => {
    const result = await runCli(['compile', DEFAULT_STAGES, '--target', 'ts', '--package-name', 'x']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--package-name applies to --target dbt only');
  });

  it('refuses a schema whose table name dbt would read as a template', async () => {
    const schema = JSON.parse(readFileSync('schema/salesforce.json', 'utf8'));
    schema.objects.Lead.table = 'lead_{{ 7 }}';
    const schemaFile = join(dir, 'schema.json');
    writeFileSync(schemaFile, JSON.stringify(schema));
    const result = await runCli(['compile', DEFAULT_STAGES, '--target', 'dbt', '--out', join(dir, 'out'), '--schema', schemaFile]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("table name 'lead_{{ 7 }}' of Lead holds '{'");
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a definition with errors writes nothing', async () => {
    const bad = join(dir, 'bad.stages');
    writeFileSync(bad, 'stage 2 "MQL" {\n  lead when Stauts = \'Open\'\n}\n');
    const out = join(dir, 'out');
    const result = await runCli(['compile', bad, '--target', 'dbt', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.err).toContain("unknown field 'Stauts'");
    expect(existsSync(out)).toBe(false);
  });

  it('replaces a package it wrote, whole (no stale files, no temp folders left)', async () => {
    expect((await runCli(['compile', DEFAULT_STAGES, '--target', 'dbt', '--out', dir])).code).toBe(0);
    writeFileSync(join(dir, 'default_stages', 'models', 'stale.sql'), 'select 1');
    const again = await runCli(['compile', 'examples/enterprise.stages', '--target', 'dbt', '--out', dir, '--package-name', 'default_stages']);
    expect(again.code, again.err).toBe(0);
    expect(existsSync(join(dir, 'default_stages', 'models', 'stale.sql'))).toBe(false);
    expect(readFileSync(join(dir, 'default_stages', 'README.md'), 'utf8')).toContain('Enterprise sales journey');
    expect(readdirSync(dir)).toEqual(['default_stages']);
  });

  it('never replaces a folder it did not write', async () => {
    mkdirSync(join(dir, 'default_stages'));
    writeFileSync(join(dir, 'default_stages', 'notes.txt'), 'mine');
    const result = await runCli(['compile', DEFAULT_STAGES, '--target', 'dbt', '--out', dir]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('is not a package written by stages compile');
    expect(readdirSync(join(dir, 'default_stages'))).toEqual(['notes.txt']);
    expect(readdirSync(dir)).toEqual(['default_stages']);
  });
});
