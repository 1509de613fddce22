/**
 * `stages run FILE --data DIR`: check the definition, load and validate the dataset, compute
 * `stage_stamps` on an engine, write them, print the funnel summary.
 *
 * Streams: stdout carries only data (the stamps CSV when it is piped and no `--out` is given);
 * diagnostics, notes and the summary go to stderr. Without `--out` on a terminal, only the
 * summary is shown, with a hint, rather than tens of thousands of rows scrolling by.
 */
import type { CheckedDefinition } from '../../compiler/ir.js';
import type { Dataset } from '../../data/dataset.js';
import { DataError, loadDatasetWithReport, type TableSource } from '../../data/load.js';
import { formatStamps, formatStampsCsv, outputFormatFor, writeFileAtomic, type OutputFormat } from '../../data/output.js';
import { formatFunnel, summarizeFunnel } from '../../data/summary.js';
import { openEngine, type Engine, type OpenEngineOptions } from '../../engines/index.js';
import type { StampRow } from '../../runtime/stamp.js';
import type { Schema } from '../../schema/types.js';
import { checkDefinitionFile } from '../definition.js';
import { EXIT, UserError, processIo, type CliIo } from '../io.js';

export interface RunOptions {
  data: string;
  engine: 'duckdb' | 'ts' | 'postgres';
  out?: string;
  schema?: string;
  url?: string;
  keep?: boolean;
  db?: string;
  quiet?: boolean;
}

export async function runCommand(file: string, opts: RunOptions, io: CliIo): Promise<number> {
  const outFormat = checkFlags(opts);
  const definition = checkDefinitionFile(file, opts.schema, io);
  if (definition === null) return EXIT.failure;
  const schema = definition.schema;

  let dataset: Dataset;
  let sources: readonly TableSource[];
  try {
    ({ dataset, sources } = await loadDatasetWithReport(opts.data, schema));
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    io.err(`${e.message}\nstages: the data in ${opts.data} is invalid; nothing was written\n`);
    return EXIT.failure;
  }
  if (!opts.quiet) reportMissingTables(sources, schema, opts.data, io);

  const started = performance.now();
  const rows = await computeStamps(opts, definition, dataset, io);
  const seconds = (performance.now() - started) / 1000;

  let destination: string;
  if (opts.out !== undefined && outFormat !== null) {
    await writeOutput(opts.out, rows, outFormat);
    destination = `written to ${opts.out}`;
  } else if (stdoutIsTerminal(io)) {
    destination = 'computed, not written: add --out stamps.csv (or .json), or pipe stdout';
  } else {
    io.out(formatStampsCsv(rows));
    destination = 'written to stdout';
  }

  if (!opts.quiet) {
    const journeys = rows.filter((r) => r.stage === 1).length;
    const opportunities = rows.filter((r) => r.stage === 4).length;
    const title =
      `${definition.journey ?? 'Funnel'}: ${count(journeys, 'journey', 'journeys')}, ` +
      `${count(opportunities, 'opportunity', 'opportunities')} (${opts.engine}, ${seconds.toFixed(1)} s)`;
    io.err(formatFunnel(summarizeFunnel(rows, definition.stages), title));
    io.err(`${count(rows.length, 'stamp row', 'stamp rows')} ${destination}\n`);
    if (opts.db !== undefined) io.err(`tables and views kept in ${opts.db} (query engagement_stages, opportunity_stages there)\n`);
  }
  return EXIT.ok;
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Flag combinations commander cannot check; returns the output format of `--out`. */
function checkFlags(opts: RunOptions): OutputFormat | null {
  let format: OutputFormat | null = null;
  if (opts.out !== undefined) {
    format = outputFormatFor(opts.out);
    if (format === null) {
      throw new UserError(`--out must name a .csv or .json file (got '${opts.out}')`, EXIT.usage);
    }
  }
  if (opts.engine !== 'postgres') {
    if (opts.url !== undefined) throw new UserError('--url applies to --engine postgres only', EXIT.usage);
    if (opts.keep) throw new UserError('--keep applies to --engine postgres only', EXIT.usage);
  }
  if (opts.engine !== 'duckdb' && opts.db !== undefined) {
    throw new UserError('--db applies to --engine duckdb only', EXIT.usage);
  }
  return format;
}

function reportMissingTables(sources: readonly TableSource[], schema: Schema, dir: string, io: CliIo): void {
  for (const s of sources) {
    if (s.file !== null) continue;
    const base = schema.objects[s.object].table;
    io.err(`note: no ${base}.csv, ${base}.jsonl or ${base}.parquet in ${dir}; the ${s.object} table is empty\n`);
  }
}

async function computeStamps(opts: RunOptions, definition: CheckedDefinition, dataset: Dataset, io: CliIo): Promise<StampRow[]> {
  const options: { -readonly [K in keyof OpenEngineOptions]: OpenEngineOptions[K] } = {};
  if (opts.url !== undefined) options.url = opts.url;
  if (opts.keep !== undefined) options.keep = opts.keep;
  if (opts.db !== undefined) options.dbFile = opts.db;
  let engine: Engine;
  try {
    engine = await openEngine(opts.engine, options);
  } catch (e) {
    throw engineFailure(`cannot start the ${opts.engine} engine`, e);
  }
  try {
    const rows = await engine.stamps(definition, dataset);
    if (opts.keep && 'schemaName' in engine && typeof engine.schemaName === 'string') {
      io.err(`kept PostgreSQL schema ${engine.schemaName} (tables and views stay for inspection)\n`);
    }
    return rows;
  } catch (e) {
    throw engineFailure(`the ${opts.engine} engine failed`, e);
  } finally {
    await engine.close().catch(() => undefined);
  }
}

/**
 * An engine error (database unreachable, a full disk) is reported as a message, not a stack
 * trace; STAGECRAFT_DEBUG=1 adds the stack for bug reports.
 */
function engineFailure(what: string, e: unknown): UserError {
  const detail = e instanceof Error ? e.message : String(e);
  const stack = process.env.STAGECRAFT_DEBUG === '1' && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  return new UserError(`${what}: ${detail}${stack}`);
}

async function writeOutput(path: string, rows: readonly StampRow[], format: OutputFormat): Promise<void> {
  try {
    await writeFileAtomic(path, formatStamps(rows, format));
  } catch (e) {
    throw new UserError(`cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)}); nothing was written`);
  }
}

/** Only the real process stdout can be a terminal; an injected `CliIo` (tests, embedding) never is. */
function stdoutIsTerminal(io: CliIo): boolean {
  return io === processIo && Boolean(process.stdout.isTTY);
}
