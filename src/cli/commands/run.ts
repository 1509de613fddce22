/**
 * `stages run FILE --data DIR`: check the definition, load and validate the dataset, compute
 * `stage_stamps` on an engine, write them, print the funnel summary.
 *
 * Streams: stdout carries only data (the stamps CSV when it is piped and no `--out` is given);
 * diagnostics, notes and the summary go to stderr. Without `--out` on a terminal, only the
 * summary is shown, with a hint, rather than tens of thousands of rows scrolling by.
 */
import type { CheckedDefinition } from '../../compiler/ir.js';
import { funnelCounts } from '../../data/duckdb/funnel-measures.js';
import { streamStampsCsv, writeStampsFile, type StampFileFormat, type StampWriteOptions } from '../../data/duckdb/write.js';
import { DataError } from '../../data/load.js';
import { outputFormatFor } from '../../data/output.js';
import { formatFunnel, summarizeFunnel } from '../../data/summary.js';
import { DEFAULT_MEMORY_LIMIT, isOutOfMemory } from '../../data/duckdb/session.js';
import { ident } from '../../data/duckdb/sql-text.js';
import { materialiseRelations, RUN_RELATIONS, stampDataFolder, type StampedDataFolder, type StampRelations } from '../../engines/run.js';
import { reportTableNotes } from '../data-notes.js';
import { checkDefinitionFile } from '../definition.js';
import { checkMemoryLimit, timezoneMinutes } from '../flags.js';
import { cannotWrite, EXIT, UserError, processIo, type CliIo } from '../io.js';
import { createProgress, type CliProgress } from '../progress.js';

export interface RunOptions {
  data: string;
  engine: 'duckdb' | 'ts' | 'postgres';
  out?: string;
  schema?: string;
  url?: string;
  keep?: boolean;
  db?: string;
  memoryLimit?: string;
  quiet?: boolean;
  /** The zone of instants written without an offset (`UTC`, `+02:00`). */
  timezone?: string;
}

export async function runCommand(file: string, opts: RunOptions, io: CliIo): Promise<number> {
  const outFormat = checkFlags(opts);
  const definition = checkDefinitionFile(file, opts.schema, io);
  if (definition === null) return EXIT.failure;

  // A terminal of zero columns (some pseudo-terminals) cannot hold a progress line.
  const progress = await createProgress(!opts.quiet && io === processIo && Boolean(process.stderr.isTTY) && (process.stderr.columns ?? 0) > 0);
  const started = performance.now();
  let run: StampedDataFolder;
  try {
    run = await stamp(definition, opts, progress);
  } catch (e) {
    progress.stop();
    if (!(e instanceof DataError)) throw e;
    io.err(`${e.message}\nstages: the data in ${opts.data} is invalid; nothing was written\n`);
    return EXIT.failure;
  }
  try {
    if (!opts.quiet) reportTableNotes(run.sources, definition.schema, opts.data, io);
    const { connection } = run.session;
    const headroom = withMemoryHeadroom(run, io, opts.quiet === true);
    // Written and then counted: the DuckDB views are computed once into tables, not twice.
    // (With --quiet nothing is counted, and DuckDB computes them as it writes.)
    if (!opts.quiet) progress.step?.('computing stamps');
    const relations = opts.quiet ? RUN_RELATIONS : await headroom(() => materialiseRelations(run.session, definition, RUN_RELATIONS, 'stagecraft_run'));
    let destination: string;
    let written = true;
    if (opts.out !== undefined && outFormat !== null) {
      progress.step?.(`writing ${opts.out}`);
      const out = opts.out;
      await headroom(() => writeOutput(run, relations, out, outFormat));
      destination = `written to ${opts.out}`;
    } else if (stdoutIsTerminal(io)) {
      destination = NOT_WRITTEN;
      written = false;
    } else {
      progress.step?.('writing to stdout');
      const outcome = await headroom(() =>
        streamStampsCsv(connection, relations.stamps, io === processIo ? process.stdout : (text) => io.out(text), writeOptions(relations)),
      );
      // The reader went away (`| head`): what it wanted was written; end quietly.
      if (outcome === 'closed') return EXIT.ok;
      destination = 'written to stdout';
    }
    if (!opts.quiet) {
      progress.step?.('counting the funnel');
      const counts = await headroom(() => funnelCounts(connection, relations));
      progress.stop();
      const seconds = (performance.now() - started) / 1000;
      const lines = summarizeFunnel(counts, definition.stages);
      const journeys = counts.journeys.get(1)?.reached ?? 0;
      const opportunities = counts.opportunities.get(4) ?? 0;
      const rows = await stampRowCount(run, relations);
      const title =
        `${definition.journey ?? 'Funnel'}: ${count(journeys, 'journey', 'journeys')}, ` +
        `${count(opportunities, 'opportunity', 'opportunities')} (${opts.engine}, ${seconds.toFixed(1)} s)`;
      io.err(formatFunnel(lines, title));
      io.err(`${count(rows, 'stamp row', 'stamp rows')} ${destination}\n`);
      if (run.keptSchema !== undefined) io.err(`kept PostgreSQL schema ${run.keptSchema} (tables and views stay for inspection)\n`);
      if (opts.db !== undefined) io.err(`tables and views kept in ${opts.db} (query engagement_stages, opportunity_stages there)\n`);
    } else {
      // --quiet silences the summary, not the one line saying the result went nowhere.
      if (!written) io.err(`stages: the stamps were ${NOT_WRITTEN}\n`);
      if (run.keptSchema !== undefined) io.err(`kept PostgreSQL schema ${run.keptSchema} (tables and views stay for inspection)\n`);
    }
    return EXIT.ok;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw outOfMemory(e) ?? engineFailure(`the ${opts.engine} engine failed`, e);
  } finally {
    progress.stop();
    await run.session.close().catch(() => undefined);
  }
}

async function stampRowCount(run: StampedDataFolder, relations: StampRelations): Promise<number> {
  const reader = await run.session.connection.runAndReadAll(`SELECT count(*) FROM ${ident(relations.stamps)}`);
  return Number(reader.getRows()[0]![0]);
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Flag combinations commander cannot check; returns the output format of `--out`. */
function checkFlags(opts: RunOptions): StampFileFormat | null {
  let format: StampFileFormat | null = null;
  if (opts.out !== undefined) {
    format = outputFormatFor(opts.out);
    if (format === null) {
      throw new UserError(`--out must name a .csv, .json or .parquet file (got '${opts.out}')`, EXIT.usage);
    }
  }
  if (opts.engine !== 'postgres') {
    if (opts.url !== undefined) throw new UserError('--url applies to --engine postgres only', EXIT.usage);
    if (opts.keep) throw new UserError('--keep applies to --engine postgres only', EXIT.usage);
  }
  if (opts.engine !== 'duckdb' && opts.db !== undefined) {
    throw new UserError('--db applies to --engine duckdb only', EXIT.usage);
  }
  checkMemoryLimit(opts.memoryLimit);
  timezoneMinutes(opts.timezone);
  return format;
}

/**
 * The data folder stamped on the chosen engine, engine failures turned into messages (shared
 * with `stages report`, which stamps the same way).
 */
export async function stamp(
  definition: CheckedDefinition,
  opts: Pick<RunOptions, 'data' | 'engine' | 'url' | 'keep' | 'db' | 'memoryLimit' | 'timezone'>,
  progress: CliProgress,
): Promise<StampedDataFolder> {
  const timezone = timezoneMinutes(opts.timezone);
  const options: Parameters<typeof stampDataFolder>[2] = {
    engine: opts.engine,
    progress,
    ...(opts.url === undefined ? {} : { url: opts.url }),
    ...(opts.keep === undefined ? {} : { keep: opts.keep }),
    ...(opts.db === undefined ? {} : { dbFile: opts.db }),
    ...(opts.memoryLimit === undefined ? {} : { memoryLimit: opts.memoryLimit }),
    ...(timezone === undefined ? {} : { timezone }),
  };
  try {
    return await stampDataFolder(definition, opts.data, options);
  } catch (e) {
    if (e instanceof DataError) throw e;
    const memory = outOfMemory(e);
    if (memory !== null) throw memory;
    throw engineFailure(engineStartFailed(e) ? `cannot start the ${opts.engine} engine` : `the ${opts.engine} engine failed`, e);
  }
}

/** Whether an engine error is about reaching the engine at all (a refused or failed connection). */
function engineStartFailed(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === '28P01' || code === '3D000' || code === '28000';
}

/**
 * An engine error (database unreachable, a full disk) is reported as a message, not a stack
 * trace; STAGECRAFT_DEBUG=1 adds the stack for bug reports.
 */
export function engineFailure(what: string, e: unknown): UserError {
  const detail = e instanceof Error ? e.message : String(e);
  const stack = process.env.STAGECRAFT_DEBUG === '1' && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  return new UserError(`${what}: ${detail}${stack}`);
}

/**
 * Runs work on the stamped session; under the default limit, a query out of memory runs again
 * with more, with a note (unless quiet). Shared by `stages run` and `stages report`.
 */
export function withMemoryHeadroom(run: StampedDataFolder, io: CliIo, quiet: boolean): <T>(work: () => Promise<T>) => Promise<T> {
  return (work) =>
    run.session.withHeadroom(work, (mb) => {
      if (!quiet) io.err(`note: DuckDB needed more memory than its limit; running again with ${mb} MB (set --memory-limit to choose)\n`);
    });
}

/** DuckDB's out-of-memory error, which a larger `--memory-limit` cures. */
export function outOfMemory(e: unknown): UserError | null {
  if (!isOutOfMemory(e)) return null;
  return new UserError(`DuckDB needs more memory for this data than its limit allows; raise --memory-limit (default ${DEFAULT_MEMORY_LIMIT}); nothing was written`);
}

/** What the writer may assume of the stamps relation. */
function writeOptions(relations: StampRelations): StampWriteOptions {
  return { filledInStampOrder: relations.stampsFilledInStampOrder === true };
}

async function writeOutput(run: StampedDataFolder, relations: StampRelations, path: string, format: StampFileFormat): Promise<void> {
  try {
    await writeStampsFile(run.session.connection, relations.stamps, format, path, writeOptions(relations));
  } catch (e) {
    // Out of memory goes to the caller's headroom, which may raise the limit and write again.
    if (isOutOfMemory(e)) throw e;
    throw cannotWrite(path, e);
  }
}

/** Where the stamps went when stdout is a terminal and there is no --out (CSV is not dumped on a screen). */
const NOT_WRITTEN = 'computed, not written: add --out stamps.csv (or .json, .parquet), or pipe stdout';

/** Only the real process stdout can be a terminal; an injected `CliIo` (tests, embedding) never is. */
function stdoutIsTerminal(io: CliIo): boolean {
  return io === processIo && Boolean(process.stdout.isTTY);
}
