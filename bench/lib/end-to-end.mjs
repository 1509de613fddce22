/**
 * The end-to-end group of `npm run bench`: `stages run` as a fresh process against a native
 * DuckDB pipeline (bench/native-run.mjs, also a fresh process) over the same files — CSV at N,
 * Parquet at N, CSV at N/10 — interleaved round by round, with the peak RSS of every run.
 * `stages run` runs as a user runs it, funnel summary included (on stderr, which is not a
 * terminal here, so without progress); once per round also with `--quiet`, which skips the
 * summary and writes straight from the views. No
 * warm-up round: the input files were just written (they are in the page cache) and the parent
 * process has loaded DuckDB's library already; every process is a cold start by design.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './definitions.mjs';
import { rounds } from './stats.mjs';
import { timedProcess } from './processes.mjs';
import { openDuckDb } from './sessions.mjs';
import { OBJECTS, duckdbReadCsv, quoteString } from './tables.mjs';

const CLI = join(ROOT, 'bin/stages.js');
const NATIVE = join(ROOT, 'bench/native-run.mjs');

/**
 * The CSV files (one per object, named after its table) converted to Parquet with DuckDB, the
 * columns typed from the schema as the CSV is read; returns the folder.
 * @param {any} schema
 * @param {Record<string, string>} csvFiles object → CSV file
 * @param {string} dir
 */
export async function writeParquetDataset(schema, csvFiles, dir) {
  mkdirSync(dir, { recursive: true });
  const session = await openDuckDb();
  try {
    for (const object of OBJECTS) {
      const file = join(dir, `${schema.objects[object].table}.parquet`);
      await session.exec(`COPY (SELECT * FROM ${duckdbReadCsv(schema, object, csvFiles[object])}) TO ${quoteString(file)} (FORMAT parquet)`);
    }
  } finally {
    await session.close();
  }
  return dir;
}

/**
 * `stages compile DEF --target sql --dialect duckdb`, written to `file` for the native pipeline.
 * @param {string} definitionFile
 * @param {string} file
 */
export function writeCompiledViews(definitionFile, file) {
  const r = spawnSync(process.execPath, [CLI, 'compile', definitionFile, '--target', 'sql', '--dialect', 'duckdb'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`stages compile exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
  writeFileSync(file, r.stdout);
  return file;
}

/**
 * @typedef {object} EndToEndOptions
 * @property {string} definitionFile the `.stages` file both sides run
 * @property {string} csvDir CSV files at N
 * @property {string} parquetDir Parquet files at N
 * @property {string} tenthCsvDir CSV files at N/10
 * @property {string} scratch folder for the compiled views and the outputs
 * @property {number} count measured rounds
 * @property {number} budgetMs no new round once this much time is spent (one round at least)
 * @property {(text: string) => void} log
 */

/**
 * @param {EndToEndOptions} o
 */
export async function measureEndToEnd(o) {
  const views = writeCompiledViews(o.definitionFile, join(o.scratch, 'views.sql'));
  const out = (/** @type {string} */ name) => join(o.scratch, `${name}.csv`);
  /** @param {string} format @param {string} dir @param {string} name */
  const native = (format, dir, name) => timedProcess(process.execPath, [NATIVE, `--format=${format}`, `--data=${dir}`, `--views=${views}`, `--out=${out(name)}`], { cwd: ROOT });
  /** @param {string} dir @param {string} name @param {string[]} extra */
  const cli = (dir, name, extra = []) => timedProcess(process.execPath, [CLI, 'run', o.definitionFile, '--data', dir, '--out', out(name), ...extra], { cwd: ROOT });

  // `stages diff` of the definition against a one-line edit of it (stage 5 asks for a higher
  // probability), over the same CSV files: both definitions' stamps, joined (`diff_vs_run`).
  const edited = join(o.scratch, 'edited.stages');
  const source = readFileSync(o.definitionFile, 'utf8');
  const editedSource = source.replace(/opportunity when Probability > 0/, 'opportunity when Probability >= 20');
  if (editedSource === source) throw new Error(`${o.definitionFile}: no 'opportunity when Probability > 0' line to edit for the diff`);
  writeFileSync(edited, editedSource);
  const diff = () =>
    timedProcess(process.execPath, [CLI, 'diff', o.definitionFile, edited, '--data', o.csvDir, '--format', 'json'], { cwd: ROOT, okExitCodes: [0, 1] });

  // `stages report` of the definition over the same CSV files, as JSON: the stamps plus the
  // funnel measures of SPEC §4.7 counted over them (`report_vs_run`).
  const report = () =>
    timedProcess(process.execPath, [CLI, 'report', o.definitionFile, '--data', o.csvDir, '--out', join(o.scratch, 'report.json')], { cwd: ROOT });

  /** @type {Record<string, (number | null)[]>} */
  const rss = { cliCsv: [], cliTenth: [] };
  /**
   * @param {Promise<{ ms: number, rssMb: number | null }>} run
   * @param {(number | null)[]} [into] where to keep the run's peak RSS
   */
  const timed = async (run, into) => {
    const r = await run;
    into?.push(r.rssMb);
    return r.ms;
  };
  o.log(`end to end: up to ${o.count} interleaved rounds of nine fresh processes`);
  const r = await rounds(o.count, 0, {
    nativeCsv: () => timed(native('csv', o.csvDir, 'native-csv')),
    cliCsv: () => timed(cli(o.csvDir, 'cli-csv'), rss.cliCsv),
    cliCsvQuiet: () => timed(cli(o.csvDir, 'cli-csv-quiet', ['--quiet'])),
    nativeParquet: () => timed(native('parquet', o.parquetDir, 'native-parquet')),
    cliParquet: () => timed(cli(o.parquetDir, 'cli-parquet')),
    cliTs: () => timed(cli(o.csvDir, 'cli-ts', ['--engine', 'ts'])),
    cliTenth: () => timed(cli(o.tenthCsvDir, 'cli-tenth'), rss.cliTenth),
    cliDiff: () => timed(diff()),
    cliReport: () => timed(report()),
  }, { budgetMs: o.budgetMs });
  // The outputs of the last round: each must be the native CSV pipeline's bytes.
  const reference = readFileSync(out('native-csv'));
  /** @param {string} name */
  const same = (name) => readFileSync(out(name)).equals(reference);
  const identical = { csv: same('cli-csv'), csvQuiet: same('cli-csv-quiet'), nativeParquet: same('native-parquet'), cliParquet: same('cli-parquet'), cliTs: same('cli-ts') };
  const peak = (/** @type {(number | null)[]} */ values) => (values.some((v) => v === null) ? null : Math.max(...values.map(Number)));
  return { ...r, identical, peakRssMb: peak(rss.cliCsv), peakRssMbTenth: peak(rss.cliTenth) };
}
