/**
 * `stages report FILE --data DIR --out F.html|F.json`: the funnel measures of SPEC §4.7 for a
 * dataset, as a self-contained page (`../../report/page.ts`) or the JSON of SPEC §5. The data
 * is stamped as `stages run` stamps it (any engine); the measures are counted by DuckDB over
 * the stamps (`../../data/duckdb/funnel-measures.ts`); this command only checks flags,
 * assembles the document and writes it atomically.
 */
import { basename } from 'node:path';
import type { CheckedDefinition } from '../../compiler/ir.js';
import { dataSpan } from '../../data/duckdb/data-span.js';
import { DataError } from '../../data/load.js';
import { criteriaSources } from '../../explain/lines.js';
import { funnelMeasures, ownerFunnels, type ReportWindow } from '../../data/duckdb/funnel-measures.js';
import { writeFileAtomic } from '../../data/replace-file.js';
import { reportPage, type ReportedStage } from '../../report/page.js';
import { materialiseRelations, RUN_RELATIONS, type StampedDataFolder } from '../../engines/run.js';
import { checkDefinitionFileAndSource } from '../definition.js';
import { checkMemoryLimit, timezoneMinutes } from '../flags.js';
import { reportTableNotes } from '../data-notes.js';
import { cannotWrite, EXIT, UserError, type CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { engineFailure, outOfMemory, stamp, withMemoryHeadroom } from './run.js';

export interface ReportOptions {
  data: string;
  engine: 'duckdb' | 'ts' | 'postgres';
  out: string;
  from?: string;
  to?: string;
  schema?: string;
  url?: string;
  memoryLimit?: string;
  timezone?: string;
  owner?: boolean;
}

export async function reportCommand(file: string, opts: ReportOptions, io: CliIo): Promise<number> {
  const window = checkFlags(opts);
  const checked = checkDefinitionFileAndSource(file, opts.schema, io);
  if (checked === null) return EXIT.failure;
  const { definition } = checked;
  // The text the definition was checked from gives the criteria as written.
  const stages = reportedStages(definition, checked.source);

  let run: StampedDataFolder;
  try {
    run = await stamp(definition, opts, await createProgress(false));
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    io.err(`${e.message}\nstages: the data in ${opts.data} is invalid; nothing was written\n`);
    return EXIT.failure;
  }
  reportTableNotes(run.sources, definition.schema, opts.data, io);
  try {
    // As in `stages run`: under the default limit, a query out of memory runs again with more.
    const headroom = withMemoryHeadroom(run, io, false);
    // Computed once into tables: the measures read the stamps several times.
    const relations = await headroom(() => materialiseRelations(run.session, definition, RUN_RELATIONS, 'stagecraft_report'));
    const measures = await headroom(() => funnelMeasures(run.session.connection, relations, definition.stages, window));
    const header = {
      journey: definition.journey,
      definition_file: basename(file),
      engine: opts.engine,
      window: { from: window.from ?? null, to: window.to ?? null },
      data: await headroom(() => dataSpan(run.session.connection, definition.schema)),
      stages,
    };
    const owners = opts.owner === true ? { owners: await headroom(() => ownerFunnels(run.session.connection, relations, definition.stages, window)) } : {};
    try {
      const text = /\.html$/i.test(opts.out) ? reportPage({ ...header, measures, ...owners }) : `${JSON.stringify({ ...header, ...measures, ...owners }, null, 2)}\n`;
      await writeFileAtomic(opts.out, text);
    } catch (e) {
      throw cannotWrite(opts.out, e);
    }
    const journeys = measures.funnel.find((f) => f.stage === 1)?.journeys ?? 0;
    io.err(`report of ${journeys.toLocaleString('en-US')} ${journeys === 1 ? 'journey' : 'journeys'} written to ${opts.out}\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw outOfMemory(e) ?? engineFailure(`the ${opts.engine} engine failed`, e);
  } finally {
    await run.session.close().catch(() => undefined);
  }
}

/** Every stage as the definition states it: label, whether enabled, its criteria lines as written. */
function reportedStages(definition: CheckedDefinition, source: string): ReportedStage[] {
  const sources = criteriaSources(source);
  return definition.stages.map((s) => ({
    stage: s.stage,
    label: s.label,
    enabled: s.enabled,
    criteria: Object.entries(sources.get(s.stage) ?? {})
      .map(([object, c]) => ({ object: object.toLowerCase(), line: c.line, text: c.text }))
      .sort((a, b) => a.line - b.line),
    date_follows: s.dateFollows ?? null,
  }));
}

/** A calendar day `YYYY-MM-DD` that exists (2025-02-30 does not). */
function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** Flag checks commander cannot make; returns the stage-1 window. */
function checkFlags(opts: ReportOptions): ReportWindow {
  if (!/\.(json|html)$/i.test(opts.out)) {
    throw new UserError(`--out must name a .html or .json file (got '${opts.out}')`, EXIT.usage);
  }
  for (const flag of ['from', 'to'] as const) {
    const value = opts[flag];
    if (value !== undefined && !isCalendarDay(value)) {
      throw new UserError(`--${flag} takes a UTC calendar day YYYY-MM-DD (got '${value}')`, EXIT.usage);
    }
  }
  if (opts.from !== undefined && opts.to !== undefined && opts.from > opts.to) {
    throw new UserError(`--from ${opts.from} is after --to ${opts.to}`, EXIT.usage);
  }
  if (opts.engine !== 'postgres' && opts.url !== undefined) throw new UserError('--url applies to --engine postgres only', EXIT.usage);
  checkMemoryLimit(opts.memoryLimit);
  timezoneMinutes(opts.timezone);
  const window: { from?: string; to?: string } = {};
  if (opts.from !== undefined) window.from = opts.from;
  if (opts.to !== undefined) window.to = opts.to;
  return window;
}
