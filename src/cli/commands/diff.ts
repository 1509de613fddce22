/**
 * `stages diff OLD NEW --data DIR` (or `stages diff FILE --base REV --data DIR`): what changing
 * the definition does to the stamps, before anyone signs it off. Both definitions run over
 * data loaded once into one DuckDB session — on DuckDB their views side by side under two
 * prefixes, or twice through the evaluator — and `src/diff/compare.ts` joins the results.
 *
 * Exit status like diff(1): 0 no stamp changes, 1 changes, 2 usage, a bad definition (either
 * file; diagnostics as `stages check` prints them) or bad data.
 */
import { checkSource, formatDiagnostics } from '../../compiler/index.js';
import type { CheckedDefinition } from '../../compiler/ir.js';
import { DataError } from '../../data/load.js';
import { compareStamps } from '../../diff/compare.js';
import { formatDiffJson, formatDiffMarkdown, formatDiffText, type DiffFormat } from '../../diff/format.js';
import { loadDataFolder, prepareEvaluator, stampInSession, type StampRelations } from '../../engines/run.js';
import { reportTableNotes } from '../data-notes.js';
import { checkSourceFile, schemaFromOption } from '../definition.js';
import { readFileAtRevision } from '../git.js';
import { checkMemoryLimit, timezoneMinutes } from '../flags.js';
import { EXIT, UserError, type CliIo } from '../io.js';

export interface DiffOptions {
  data: string;
  base?: string;
  format: DiffFormat;
  sample: string;
  engine: 'duckdb' | 'ts';
  schema?: string;
  memoryLimit?: string;
  timezone?: string;
}

const OLD: StampRelations = { stamps: 'stagecraft_old_stamps', primary: 'stagecraft_old_primary', viewPrefix: 'old_' };
const NEW: StampRelations = { stamps: 'stagecraft_new_stamps', primary: 'stagecraft_new_primary', viewPrefix: 'new_' };

interface Side {
  readonly name: string;
  readonly definition: CheckedDefinition | null;
}

export async function diffCommand(files: readonly string[], opts: DiffOptions, io: CliIo): Promise<number> {
  checkMemoryLimit(opts.memoryLimit);
  const timezone = timezoneMinutes(opts.timezone);
  const samples = Number(opts.sample);
  if (!/^\d+$/.test(opts.sample) || !Number.isSafeInteger(samples)) throw new UserError(`--sample takes a whole number (got '${opts.sample}')`, EXIT.usage);
  const schema = schemaFromOption(opts.schema);
  let old: Side;
  let next: Side;
  if (opts.base !== undefined) {
    if (files.length !== 1) throw new UserError('with --base, give one FILE: its version at the revision is compared with the working copy', EXIT.usage);
    const file = files[0]!;
    const name = `${opts.base}:${file}`;
    const source = readFileAtRevision(file, opts.base);
    const result = checkSource(source, { file: name, schema });
    if (result.diagnostics.length > 0) io.err(formatDiagnostics(result.diagnostics, { [name]: source }, { color: io.isTTY }));
    old = { name, definition: result.definition };
    next = checkSide(file, schema, io);
  } else {
    if (files.length !== 2) throw new UserError('give OLD and NEW .stages files (or one FILE with --base REV)', EXIT.usage);
    old = checkSide(files[0]!, schema, io);
    next = checkSide(files[1]!, schema, io);
  }
  if (old.definition === null || next.definition === null) return EXIT.usage;
  const defs = { old: old.definition, new: next.definition };

  const started = performance.now();
  const engineOptions = {
    engine: opts.engine,
    ...(opts.memoryLimit === undefined ? {} : { memoryLimit: opts.memoryLimit }),
    ...(timezone === undefined ? {} : { timezone }),
  } as const;
  // The evaluators' modules are compiled while DuckDB reads.
  const evaluators = opts.engine === 'ts' ? [prepareEvaluator(defs.old), prepareEvaluator(defs.new)] : null;
  for (const e of evaluators ?? []) e.catch(() => undefined);
  let loaded: Awaited<ReturnType<typeof loadDataFolder>>;
  try {
    loaded = await loadDataFolder(defs.new.schema, opts.data, engineOptions, [defs.old, defs.new]);
  } catch (e) {
    if (e instanceof DataError) {
      io.err(`${e.message}\nstages: the data in ${opts.data} is invalid; nothing was compared\n`);
      return EXIT.usage;
    }
    throw new UserError(`cannot read the data with DuckDB: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, EXIT.usage);
  }
  const { session } = loaded;
  reportTableNotes(loaded.sources, defs.new.schema, opts.data, io);
  try {
    await stampInSession(session, defs.old, engineOptions, OLD, evaluators?.[0]);
    await stampInSession(session, defs.new, engineOptions, NEW, evaluators?.[1]);
    const report = await session.withHeadroom(
      () => compareStamps(session, defs, { old: OLD, new: NEW }, { samples }),
      (mb) => io.err(`note: DuckDB needed more memory than its limit; running again with ${mb} MB (set --memory-limit to choose)\n`),
    );
    const heading = { old: old.name, new: next.name, data: opts.data, engine: opts.engine, seconds: (performance.now() - started) / 1000 };
    io.out(opts.format === 'json' ? formatDiffJson(report) : opts.format === 'markdown' ? formatDiffMarkdown(report, heading) : formatDiffText(report, heading));
    return report.changed ? EXIT.failure : EXIT.ok;
  } catch (e) {
    if (e instanceof UserError) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw new UserError(`the ${opts.engine} engine failed: ${detail}`, EXIT.usage);
  } finally {
    await session.close().catch(() => undefined);
  }
}

function checkSide(file: string, schema: ReturnType<typeof schemaFromOption>, io: CliIo): Side {
  const result = checkSourceFile(file, schema);
  if (result.diagnostics.length > 0) io.err(formatDiagnostics(result.diagnostics, { [file]: result.source }, { color: io.isTTY }));
  return { name: file, definition: result.definition };
}
