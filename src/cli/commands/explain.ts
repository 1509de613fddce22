/**
 * `stages explain FILE --data DIR ID`: why a journey (its Activation engagement's id) or an
 * opportunity has each stamp — the winning candidate of SPEC §4.3 per enabled stage, the
 * runners-up, and for a stage without a stamp the reason.
 *
 * The data is read as `stages run` reads it (DuckDB validates and normalises the folder);
 * only the rows of the one record are then selected and explained in TypeScript with the
 * TypeScript back end's compiled predicates (src/explain).
 */
import { DataError } from '../../data/errors.js';
import { loadDatasetIntoDuckDb } from '../../data/duckdb/load.js';
import { reportTableNotes } from '../data-notes.js';
import { columnsNeededByObject } from '../../compiler/columns.js';
import { openDuckDbSession } from '../../data/duckdb/session.js';
import { explanationJson, explanationText, shown } from '../../explain/format.js';
import { criteriaSources } from '../../explain/lines.js';
import { ExplainTargetError, explainId, type ExplainedObject } from '../../explain/load.js';
import { checkDefinitionFileAndSource } from '../definition.js';
import { timezoneMinutes } from '../flags.js';
import { EXIT, UserError, type CliIo } from '../io.js';

export interface ExplainOptions {
  data: string;
  format: 'text' | 'json';
  schema?: string;
  object?: ExplainedObject;
  timezone?: string;
}

export async function explainCommand(file: string, id: string, opts: ExplainOptions, io: CliIo): Promise<number> {
  if (id === '') throw new UserError('ID must not be empty', EXIT.usage);
  timezoneMinutes(opts.timezone);
  try {
    return await explainChecked(file, id, opts, io);
  } catch (e) {
    if (e instanceof UserError) throw e;
    // DuckDB failing (a full disk, memory) is reported as a message; STAGECRAFT_DEBUG=1 adds the stack.
    const detail = e instanceof Error ? e.message : String(e);
    const stack = process.env.STAGECRAFT_DEBUG === '1' && e instanceof Error && e.stack ? `\n${e.stack}` : '';
    throw new UserError(`explain failed: ${shown(detail)}${stack}`);
  }
}

async function explainChecked(file: string, id: string, opts: ExplainOptions, io: CliIo): Promise<number> {
  const checked = checkDefinitionFileAndSource(file, opts.schema, io);
  if (checked === null) return EXIT.failure;
  const { definition } = checked;
  // The text the definition was checked from gives the criteria lines their numbers.
  const sources = criteriaSources(checked.source);
  const { loadCompiledDefinition } = await import('../../compiler/ts/index.js');
  const compiling = loadCompiledDefinition(definition);
  compiling.catch(() => undefined); // awaited below; must not go unhandled while DuckDB reads
  const session = await openDuckDbSession();
  try {
    try {
      const sources = await loadDatasetIntoDuckDb(session.connection, opts.data, definition.schema, {}, timezoneMinutes(opts.timezone), columnsNeededByObject(definition));
      reportTableNotes(sources, definition.schema, opts.data, io);
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      io.err(`${e.message}\nstages: the data in ${opts.data} is invalid\n`);
      return EXIT.failure;
    }
    const ctx = { definition, evaluator: await compiling, sources };
    let explanation;
    try {
      explanation = await explainId(session.connection, ctx, id, opts.object);
    } catch (e) {
      if (!(e instanceof ExplainTargetError)) throw e;
      const nearest = e.nearest.length === 0 ? '' : `; nearest ids: ${e.nearest.map(shown).join(', ')}`;
      throw new UserError(`${shown(e.message)} in ${shown(opts.data)}${shown(e.detail)}${nearest}`);
    }
    io.out(opts.format === 'json' ? explanationJson(explanation) : explanationText(explanation));
    return EXIT.ok;
  } finally {
    await session.close().catch(() => undefined);
  }
}
