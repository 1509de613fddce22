/**
 * The SQL back end: a checked definition → one re-runnable script of `CREATE OR REPLACE VIEW`
 * statements (dependency order) for the chosen dialect, formatted by sql-formatter in that
 * dialect's language (long expressions by ./format.ts, see why there). See ./views.ts for the shape of the views and ./dialect.ts for what a
 * dialect may change.
 */
import type { CheckedDefinition } from '../ir.js';
import { DIALECT_NAMES, type Dialect, type DialectName } from './dialect.js';
import { DIALECTS } from './dialects/index.js';
import { formatSql } from './format.js';
import { buildViews, VIEW_NAMES, type ViewName, type ViewStatement } from './views.js';

export { DIALECT_NAMES, type Dialect, type DialectName } from './dialect.js';
export { VIEW_NAMES, type ViewName } from './views.js';

export interface CompileSqlOptions {
  readonly dialect: DialectName;
  /** Prepended to every view name (default none). */
  readonly prefix?: string;
  /** Database schema to create the views in; unqualified (current schema) when absent. */
  readonly schemaName?: string;
  /**
   * Format with sql-formatter (default true). Engines pass false: formatting only changes
   * whitespace, and it costs more than running the views on a small dataset.
   */
  readonly pretty?: boolean;
}

export function isDialectName(name: string): name is DialectName {
  return (DIALECT_NAMES as readonly string[]).includes(name);
}

export function getDialect(name: DialectName): Dialect {
  return DIALECTS[name];
}

/** A view name the warehouse could not hold (too long for its identifiers): a problem with the options. */
export class SqlNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlNameError';
  }
}

/** Rejects a prefix that would make a view name too long (PostgreSQL silently truncates, so two views could collide). */
function checkViewNames(dialect: Dialect, prefix: string): void {
  for (const name of VIEW_NAMES) {
    const bytes = Buffer.byteLength(`${prefix}${name}`, 'utf8');
    if (bytes > dialect.maxIdentifierBytes) {
      throw new SqlNameError(
        `view name '${prefix}${name}' is ${bytes} bytes; ${dialect.name} identifiers hold at most ${dialect.maxIdentifierBytes} (use a shorter --prefix)`,
      );
    }
  }
}

/** The views as separate formatted statements (no trailing semicolons), in dependency order. */
export function compileSqlStatements(def: CheckedDefinition, options: CompileSqlOptions): ViewStatement[] {
  const dialect = getDialect(options.dialect);
  const naming = { prefix: options.prefix ?? '', schemaName: options.schemaName };
  checkViewNames(dialect, naming.prefix);
  if (options.pretty === false) return buildViews(def, dialect, naming);
  const shielded = shieldUserText(dialect);
  const views = buildViews(def, shielded.dialect, naming);
  return views.map((v) => ({ name: v.name, sql: shielded.restore(formatStatement(v.sql, dialect)) }));
}

/** The full script: a header comment, then every view, each ending in `;`. */
export function compileSql(def: CheckedDefinition, options: CompileSqlOptions): string {
  const statements = compileSqlStatements(def, options);
  const header = [
    `-- Stagecraft stage-stamp views (SPEC §4) for ${options.dialect}.`,
    `-- Journey: ${commentText(def.journey ?? '(unnamed)')}`,
    '-- Generated code: edit the .stages file and recompile instead. Re-runnable.',
  ];
  return `${header.join('\n')}\n\n${statements.map((s) => `${s.sql};`).join('\n\n')}\n`;
}

/** The quoted name of one view as the script creates it (engines query `stage_stamps` through this). */
export function sqlViewName(name: ViewName, options: CompileSqlOptions): string {
  const dialect = getDialect(options.dialect);
  const q = dialect.quoteIdentifier;
  const view = q(`${options.prefix ?? ''}${name}`);
  return options.schemaName === undefined ? view : `${q(options.schemaName)}.${view}`;
}

function formatStatement(sql: string, dialect: Dialect): string {
  return formatSql(sql, dialect.formatterLanguage);
}

/**
 * Keeps user text away from the formatter. Every string literal and quoted identifier — the
 * only places user text (values, labels, table/field/view names) enters the SQL — is replaced
 * by a placeholder word while formatting and put back afterwards. sql-formatter's tokenisers
 * do not all know every dialect's escape rules (e.g. backslashes in BigQuery backtick names);
 * a mis-tokenised literal could have its whitespace "reformatted", i.e. its value changed, or
 * make the formatter throw. With placeholders the formatter only ever sees our own skeleton.
 */
function shieldUserText(dialect: Dialect): { dialect: Dialect; restore: (formatted: string) => string } {
  const originals: string[] = [];
  const placeholder = (text: string): string => {
    originals.push(text);
    return `sc_ph_${originals.length - 1}_`;
  };
  return {
    dialect: {
      ...dialect,
      quoteIdentifier: (name) => placeholder(dialect.quoteIdentifier(name)),
      stringLiteral: (value) => placeholder(dialect.stringLiteral(value)),
    },
    // One pass over the formatted skeleton: restored text is never scanned again.
    restore: (formatted) =>
      formatted.replace(/\bsc_ph_(\d+)_/g, (match, index: string) => {
        const original = originals[Number(index)];
        if (original === undefined) throw new Error(`internal: unknown SQL placeholder ${match}`);
        return original;
      }),
  };
}

/**
 * Text safe inside a `--` comment: anything outside printable ASCII (newlines, U+2028, …)
 * becomes a `\u` escape, so a journey name can never end the comment and start a statement.
 */
function commentText(text: string): string {
  return text.replace(/[^\x20-\x7e]/gu, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}
