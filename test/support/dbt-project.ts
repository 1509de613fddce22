/**
 * The dbt integration project (test/dbt/integration), assembled per test file in a temp folder
 * and run by the real dbt from `.venv` (scripts/python-env.sh).
 *
 * Each case is one generated package (`compileDbtPackage`) installed with `local:`, its four
 * tables as seeds named `<package>__<table>` (seed names are project-wide; cases reading the
 * same data share the first one's), and the package's vars pointing its sources at them; its models land in the schema `<target schema>_<package>`.
 * Batching every case into one project keeps dbt's start-up (seconds per invocation) to a few
 * invocations per adapter.
 *
 * Seeds are loaded by `dbt seed` on DuckDB. On PostgreSQL the same files are loaded into the
 * same tables by `COPY` instead: dbt-postgres's seed loads a few hundred rows a second here
 * (two minutes for examples/acme), and the seeds are the tests' data, not the package. On
 * Spark (dbt-spark's session mode) by Spark's CSV reader: dbt-spark's seed writes a null
 * text cell as the string 'None'.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import pg from 'pg';
import { parse, stringify } from 'yaml';
import { compileDbtPackage, packageVars } from '../../src/compiler/dbt/index.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { getDialect } from '../../src/compiler/sql/index.js';
import type { Dataset } from '../../src/data/dataset.js';
import { copyCsvIntoTable } from '../../src/engines/postgres.js';
import { createTableSql, tableLayouts, type ColumnLayout, type TableLayout } from '../../src/engines/sql-load.js';
import type { StampRow } from '../../src/runtime/stamp.js';
import type { ObjectName } from '../../src/schema/types.js';
import { datasetCsv } from './differential.js';
import { SELECT_STAMPS_AS_TEXT, stampsFromTextRows } from './warehouse-tables.js';

const run = promisify(execFile);

export const DBT_BIN = join(process.cwd(), '.venv', 'bin', 'dbt');
const PYTHON_BIN = join(process.cwd(), '.venv', 'bin', 'python');
const READ_DUCKDB = [
  'import duckdb, json, sys',
  'con = duckdb.connect(sys.argv[1], read_only=True)',
  'print(json.dumps([con.execute(q).fetchall() for q in json.loads(sys.argv[2])]))',
].join('\n');
const RESULT_MARK = '--stagecraft-result--';
const READ_SPARK = [
  'import json, sys',
  'from pyspark.sql import SparkSession',
  "spark = SparkSession.builder.enableHiveSupport().config('spark.sql.session.timeZone', 'UTC').getOrCreate()",
  'spark.sparkContext.setLogLevel("ERROR")',
  'result = [[list(r) for r in spark.sql(q).collect()] for q in json.loads(sys.argv[1])]',
  `print(${JSON.stringify(RESULT_MARK)} + json.dumps(result))`,
  'spark.stop()',
].join('\n');
/** Seed files → tables, by Spark's CSV reader (empty cell = NULL, quoted newlines kept). */
const LOAD_SPARK = [
  'import json, sys',
  'from pyspark.sql import SparkSession',
  "spark = SparkSession.builder.enableHiveSupport().config('spark.sql.session.timeZone', 'UTC').getOrCreate()",
  'spark.sparkContext.setLogLevel("ERROR")',
  'spark.sql(f"CREATE SCHEMA IF NOT EXISTS {sys.argv[1]}")',
  'for t in json.loads(sys.argv[2]):',
  "    df = spark.read.csv(t['path'], schema=t['ddl'], header=True, multiLine=True, escape='\"', mode='FAILFAST')",
  "    df.write.mode('overwrite').saveAsTable(t['table'])",
  'spark.stop()',
].join('\n');
const TEMPLATE = join(process.cwd(), 'test', 'dbt', 'integration');

export type DbtTarget = { readonly adapter: 'duckdb' } | { readonly adapter: 'spark' } | { readonly adapter: 'postgres'; readonly url: string };

/** The SQL dialect the package gives each adapter (./src/compiler/dbt/adapters.ts). */
const DIALECT_OF = { duckdb: 'duckdb', postgres: 'postgres', spark: 'databricks' } as const;

export interface DbtCase {
  /** Unique in the project: the package's name. */
  readonly packageName: string;
  readonly definition: CheckedDefinition;
  /** CSV seed per object: a dataset to write, or a folder's `<table>.csv` files to copy. */
  readonly data: { readonly dataset: Dataset } | { readonly folder: string };
}

/** More of a project than its cases: seeds, files (snapshots, …) and vars of the test's own. */
export interface ProjectExtras {
  /** Seed name → its CSV and every column's type. */
  readonly seeds?: Readonly<Record<string, { readonly csv: string; readonly columnTypes: Readonly<Record<string, string>> }>>;
  /** Path in the project → text. */
  readonly files?: Readonly<Record<string, string>>;
  /** Set after the cases' vars, so they win. */
  readonly vars?: Readonly<Record<string, string>>;
}

export interface DbtRun {
  readonly code: number;
  /** stdout and stderr of dbt, interleaved as dbt logs them. */
  readonly log: string;
}

export interface IntegrationProject {
  readonly dir: string;
  dbt(args: readonly string[]): Promise<DbtRun>;
  /** Loads the seeds: the `dbt seed` run on DuckDB, null elsewhere (loaded by COPY or by Spark). */
  loadSeeds(): Promise<DbtRun | null>;
  /** `stage_stamps` of each of these packages as dbt built it. */
  stamps(packageNames: readonly string[]): Promise<Map<string, StampRow[]>>;
  /** Removes the folder (and the PostgreSQL schemas). */
  remove(): Promise<void>;
}

/** Where the target puts the models and seeds (dbt's default `generate_schema_name`: `<target schema>_<custom>`). */
function targetSchema(target: DbtTarget, unique: string): string {
  if (target.adapter === 'duckdb') return 'main';
  return target.adapter === 'spark' ? 'stagecraft' : `dbt_${unique}`;
}

export function createIntegrationProject(cases: readonly DbtCase[], target: DbtTarget, extras: ProjectExtras = {}): IntegrationProject {
  if (!existsSync(DBT_BIN)) throw new Error(`${DBT_BIN} is missing: run \`npm run setup:python\` (scripts/python-env.sh) first`);
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-dbt-'));
  cpSync(TEMPLATE, dir, { recursive: true });
  const unique = `${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const schema = targetSchema(target, unique);
  const dialect = getDialect(DIALECT_OF[target.adapter]);
  const project = parse(readFileSync(join(dir, 'dbt_project.yml'), 'utf8')) as Record<string, any>;
  const vars: Record<string, string> = {};
  const models: Record<string, unknown> = {};
  const seedConfig = project.seeds.stagecraft_integration as Record<string, unknown>;
  const seeds: { name: string; layout: TableLayout }[] = [];

  // One set of seeds per data folder or dataset, named after the first package reading it.
  const seedPrefixes = new Map<unknown, string>();
  for (const c of cases) {
    const pkg = c.packageName;
    const dataKey = 'dataset' in c.data ? c.data.dataset : c.data.folder;
    const seeded = seedPrefixes.has(dataKey);
    const seedPrefix = seedPrefixes.get(dataKey) ?? pkg;
    seedPrefixes.set(dataKey, seedPrefix);
    for (const f of compileDbtPackage(c.definition, { packageName: pkg })) {
      const path = join(dir, 'packages', pkg, ...f.path.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.text);
    }
    const names = packageVars(pkg);
    vars[names.schema] = `${schema}_raw`;
    models[pkg] = { '+schema': pkg };
    for (const layout of tableLayouts(c.definition.schema)) {
      const seed = `${seedPrefix}__${layout.object.toLowerCase()}`;
      vars[names.identifier(layout.object as ObjectName)] = seed;
      if (seeded) continue;
      seeds.push({ name: seed, layout });
      // Every column typed: dbt-duckdb reads seeds with DuckDB's CSV reader, which would sniff ids as numbers.
      seedConfig[seed] = { '+column_types': Object.fromEntries(layout.columns.map((col) => [col.name, dialect.columnType(col.family)])) };
      const csv = 'dataset' in c.data ? datasetCsv(c.definition.schema, layout.object, c.data.dataset[layout.object]) : readFileSync(join(c.data.folder, `${layout.table}.csv`), 'utf8');
      mkdirSync(join(dir, 'seeds'), { recursive: true });
      writeFileSync(join(dir, 'seeds', `${seed}.csv`), csv);
    }
  }
  for (const [name, seed] of Object.entries(extras.seeds ?? {})) {
    seedConfig[name] = { '+column_types': seed.columnTypes };
    writeFileSync(join(dir, 'seeds', `${name}.csv`), seed.csv);
  }
  for (const [path, text] of Object.entries(extras.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  project.vars = { ...vars, ...extras.vars };
  project.models = models;
  writeFileSync(join(dir, 'dbt_project.yml'), stringify(project));
  writeFileSync(join(dir, 'packages.yml'), stringify({ packages: cases.map((c) => ({ local: `packages/${c.packageName}` })) }));

  const duckdbPath = join(dir, 'warehouse.duckdb');
  const pgUrl = target.adapter === 'postgres' ? new URL(target.url) : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DBT_PROFILES_DIR: dir,
    DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
    DO_NOT_TRACK: '1',
    STAGECRAFT_DBT_DUCKDB_PATH: duckdbPath,
    STAGECRAFT_DBT_SPARK_SCHEMA: schema,
    ...(pgUrl === null
      ? {}
      : {
          STAGECRAFT_DBT_PG_HOST: pgUrl.hostname,
          STAGECRAFT_DBT_PG_PORT: pgUrl.port || '5432',
          STAGECRAFT_DBT_PG_USER: decodeURIComponent(pgUrl.username) || 'postgres',
          STAGECRAFT_DBT_PG_DATABASE: pgUrl.pathname.replace(/^\//, '') || 'postgres',
          STAGECRAFT_DBT_PG_SCHEMA: schema,
        }),
  };

  async function dbt(args: readonly string[]): Promise<DbtRun> {
    try {
      const { stdout, stderr } = await run(DBT_BIN, [...args, '--target', target.adapter], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
      return { code: 0, log: stdout + stderr };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof err.code === 'number' ? err.code : 1, log: `${err.stdout ?? ''}${err.stderr ?? ''}` };
    }
  }

  /** Each case seed's columns in its file's order, typed for the target. */
  function seedColumns(seed: { name: string; layout: TableLayout }): { header: number; columns: ColumnLayout[] } {
    const text = readFileSync(join(dir, 'seeds', `${seed.name}.csv`), 'utf8');
    const header = text.indexOf('\n');
    const byName = new Map(seed.layout.columns.map((c) => [c.name, c]));
    return { header, columns: text.slice(0, header).split(',').map((name) => byName.get(name) ?? { name, family: 'text' as const }) };
  }

  async function loadSeeds(): Promise<DbtRun | null> {
    if (target.adapter === 'duckdb') return dbt(['seed']);
    if (target.adapter === 'spark') {
      const tables = seeds.map((seed) => ({
        table: `${schema}_raw.${seed.name}`,
        path: join(dir, 'seeds', `${seed.name}.csv`),
        ddl: seedColumns(seed).columns.map((c) => `${dialect.quoteIdentifier(c.name)} ${dialect.columnType(c.family)}`).join(', '),
      }));
      await run(PYTHON_BIN, ['-c', LOAD_SPARK, `${schema}_raw`, JSON.stringify(tables)], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
      return null;
    }
    const client = new pg.Client({ connectionString: (target as { url: string }).url });
    await client.connect();
    try {
      const q = dialect.quoteIdentifier;
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${q(`${schema}_raw`)}`);
      await client.query(`SET search_path TO ${q(`${schema}_raw`)}`);
      for (const seed of seeds) {
        // The header is a plain list of names; the body may hold quoted newlines, which COPY reads as CSV does.
        const text = readFileSync(join(dir, 'seeds', `${seed.name}.csv`), 'utf8');
        const { header: headerEnd, columns } = seedColumns(seed);
        await client.query(createTableSql({ ...seed.layout, table: seed.name, columns }, dialect, { orReplace: false }));
        await copyCsvIntoTable(client, seed.name, columns.map((c) => c.name), Readable.from([text.slice(headerEnd + 1)]));
      }
    } finally {
      await client.end();
    }
    return null;
  }

  async function stamps(packageNames: readonly string[]): Promise<Map<string, StampRow[]>> {
    const selects = packageNames.map((pkg) => {
      const select = SELECT_STAMPS_AS_TEXT.replace('FROM stage_stamps', `FROM ${dialect.quoteIdentifier(`${schema}_${pkg}`)}.stage_stamps`);
      return target.adapter === 'spark' ? select.replace('AS VARCHAR', 'AS STRING') : select;
    });
    let rows: unknown[][][];
    if (target.adapter === 'spark') {
      // A Spark session of its own over the project's metastore and warehouse (dbt's has ended).
      const { stdout } = await run(PYTHON_BIN, ['-c', READ_SPARK, JSON.stringify(selects)], { cwd: dir, env, maxBuffer: 256 * 1024 * 1024 });
      rows = JSON.parse(stdout.slice(stdout.indexOf(RESULT_MARK) + RESULT_MARK.length)) as unknown[][][];
    } else if (pgUrl === null) {
      // Read by the Python duckdb that dbt-duckdb wrote the file with: the Node binding may be
      // of another DuckDB release, whose storage format differs. One process for every query.
      const { stdout } = await run(PYTHON_BIN, ['-c', READ_DUCKDB, duckdbPath, JSON.stringify(selects)], { maxBuffer: 256 * 1024 * 1024 });
      rows = JSON.parse(stdout) as unknown[][][];
    } else {
      const client = new pg.Client({ connectionString: (target as { url: string }).url });
      await client.connect();
      try {
        rows = [];
        for (const text of selects) rows.push((await client.query({ text, rowMode: 'array' })).rows);
      } finally {
        await client.end();
      }
    }
    return new Map(packageNames.map((pkg, i) => [pkg, stampsFromTextRows(rows[i]!)]));
  }

  async function remove(): Promise<void> {
    if (pgUrl !== null) {
      const client = new pg.Client({ connectionString: (target as { url: string }).url });
      await client.connect();
      try {
        const { rows } = await client.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${schema}%`]);
        for (const r of rows) await client.query(`DROP SCHEMA ${dialect.quoteIdentifier(r.nspname)} CASCADE`);
      } finally {
        await client.end();
      }
    }
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }

  return { dir, dbt, loadSeeds, stamps, remove };
}
