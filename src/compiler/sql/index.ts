/**
 * The SQL back end: a checked definition → one re-runnable script of `CREATE OR REPLACE VIEW`
 * statements (dependency order) for the chosen dialect, formatted by sql-formatter in that
 * dialect's language (long expressions by ./format.ts, see why there). See ./views.ts for the shape of the views and ./dialect.ts for what a
 * dialect may change.
 */
import { OBJECT_NAMES } from '../../schema/types.js';
import type { CheckedDefinition } from '../ir.js';
import { DIALECT_NAMES, type Dialect, type DialectName } from './dialect.js';
import { DIALECTS } from './dialects/index.js';
import { formatSql } from './format.js';
import { buildViews, stampsOverCandidates, VIEW_NAMES, type CandidateRelations, type RelationReferences, type ViewName, type ViewNaming, type ViewStatement } from './views.js';

export { DIALECT_NAMES, type Dialect, type DialectName } from './dialect.js';
export { VIEW_NAMES, type CandidateRelations, type RelationReferences, type ViewName, type ViewStatement } from './views.js';

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
  /** How the views name the tables and views they read (default: quoted names; see `ViewNaming`). */
  readonly references?: RelationReferences;
  /**
   * For SQL embedded in a template language: every piece of the output except the references
   * goes through this (the dbt package escapes Jinja's `{` in it), so no text from the
   * definition or the schema can become a template instruction.
   */
  readonly escapeText?: (text: string) => string;
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

/** Why `dialect`'s warehouse cannot hold a table, view or schema of this name even quoted, or null. */
export function relationNameProblem(dialect: Dialect, name: string): string | null {
  return dialect.relationNameProblem?.(name) ?? null;
}

/**
 * Rejects a prefix that would make a view name too long (PostgreSQL silently truncates, so two
 * views could collide) or one the warehouse cannot name a view.
 */
export function checkViewNames(dialect: Dialect, prefix: string): void {
  for (const name of VIEW_NAMES) {
    const bytes = Buffer.byteLength(`${prefix}${name}`, 'utf8');
    if (bytes > dialect.maxIdentifierBytes) {
      throw new SqlNameError(
        `view name '${prefix}${name}' is ${bytes} bytes; ${dialect.name} identifiers hold at most ${dialect.maxIdentifierBytes} (use a shorter --prefix)`,
      );
    }
    const problem = relationNameProblem(dialect, `${prefix}${name}`);
    if (problem !== null) throw new SqlNameError(`view name '${prefix}${name}' cannot be created on ${dialect.name}: ${problem} (change --prefix)`);
  }
}

/** Rejects a schema (namespace) name the warehouse cannot hold, before views are created in it. */
export function checkSchemaName(dialect: Dialect, schemaName: string | undefined): void {
  if (schemaName === undefined) return;
  const problem = relationNameProblem(dialect, schemaName);
  if (problem !== null) throw new SqlNameError(`schema name '${schemaName}' cannot exist on ${dialect.name}: ${problem} (change --schema-name)`);
}

/** Rejects a schema whose tables the warehouse could not hold, before any SQL reads them. */
export function checkTableNames(dialect: Dialect, def: CheckedDefinition): void {
  for (const object of OBJECT_NAMES) {
    const table = def.schema.objects[object].table;
    const problem = relationNameProblem(dialect, table);
    if (problem !== null) throw new SqlNameError(`table '${table}' of ${object} cannot exist on ${dialect.name}: ${problem} (name the table in the schema's "table")`);
  }
}

/** The views as separate formatted statements (no trailing semicolons), in dependency order. */
export function compileSqlStatements(def: CheckedDefinition, options: CompileSqlOptions): Pick<ViewStatement, 'name' | 'sql'>[] {
  return renderViews(def, options, 'sql');
}

/**
 * The views' queries alone (no CREATE), formatted like `compileSqlStatements`, in dependency
 * order: for a tool that creates the relations itself (the dbt package).
 */
export function compileViewQueries(def: CheckedDefinition, options: CompileSqlOptions): Pick<ViewStatement, 'name' | 'query'>[] {
  return renderViews(def, options, 'query').map((v) => ({ name: v.name, query: v.sql }));
}

function renderViews(def: CheckedDefinition, options: CompileSqlOptions, part: 'sql' | 'query'): Pick<ViewStatement, 'name' | 'sql'>[] {
  const dialect = getDialect(options.dialect);
  const naming: ViewNaming = {
    prefix: options.prefix ?? '',
    schemaName: options.schemaName,
    ...(options.references !== undefined ? { references: options.references } : {}),
  };
  checkViewNames(dialect, naming.prefix);
  checkSchemaName(dialect, naming.schemaName);
  // With references (the dbt package's sources), the schema's table names are only defaults.
  if (naming.references === undefined) checkTableNames(dialect, def);
  const pretty = options.pretty !== false;
  if (!pretty && options.escapeText === undefined) return buildViews(def, dialect, naming).map((v) => ({ name: v.name, sql: v[part] }));
  const shielded = shieldUserText(dialect, naming.references);
  const views = buildViews(def, shielded.dialect, { ...naming, ...shielded.references });
  const escape = options.escapeText ?? ((text: string) => text);
  return views.map((v) => ({ name: v.name, sql: shielded.restore(pretty ? formatStatement(v[part], dialect) : v[part], escape) }));
}

/** The full script: a header comment, then every view, each ending in `;`. */
export function compileSql(def: CheckedDefinition, options: CompileSqlOptions): string {
  const statements = compileSqlStatements(def, options);
  const header = [
    `-- Stagecraft stage-stamp views (SPEC §4) for ${options.dialect}.`,
    `-- Journey: ${commentText(def.journey ?? '(unnamed)')}`,
    `-- Verified by Stagecraft's tests: ${verificationText(getDialect(options.dialect))}.`,
    '-- Generated code: edit the .stages file and recompile instead. Re-runnable.',
  ];
  return `${header.join('\n')}\n\n${statements.map((s) => `${s.sql};`).join('\n\n')}\n`;
}

/**
 * The `stage_stamps` query (unformatted, for engines) over two relations that hold the rows of
 * `stage_opportunity_candidates` and `stage_engagement_candidates` — tables an engine computed
 * once from the views, so that writing the stamps and reading the journeys' primary
 * opportunities do not each compute the candidates' aggregates again. Other views it reads
 * (`stage_journeys`) are named as `compileSql` with the same options creates them.
 */
export function compileStampsOverCandidates(def: CheckedDefinition, options: Pick<CompileSqlOptions, 'dialect' | 'prefix' | 'schemaName'>, candidates: CandidateRelations): string {
  const naming: ViewNaming = { prefix: options.prefix ?? '', schemaName: options.schemaName };
  return stampsOverCandidates(def, getDialect(options.dialect), naming, candidates);
}

/** How a dialect's views are verified, for the script's header and `stages compile`. */
export function verificationText(dialect: Dialect): string {
  const v = dialect.verification;
  return v.kind === 'executed' ? `executed on ${v.engine}` : `parsed only, by ${v.parser}; not executed`;
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
 * only places user text (values, labels, table/field/view names) enters the SQL — and every
 * caller-rendered relation reference is replaced
 * by a placeholder word while formatting and put back afterwards. sql-formatter's tokenisers
 * do not all know every dialect's escape rules (e.g. backslashes in BigQuery backtick names);
 * a mis-tokenised literal could have its whitespace "reformatted", i.e. its value changed, or
 * make the formatter throw. With placeholders the formatter only ever sees our own skeleton.
 */
function shieldUserText(
  dialect: Dialect,
  references: RelationReferences | undefined,
): {
  dialect: Dialect;
  references: { references?: RelationReferences };
  restore: (formatted: string, escape: (text: string) => string) => string;
} {
  const originals: { text: string; reference: boolean }[] = [];
  const placeholder = (text: string, reference = false): string => {
    originals.push({ text, reference });
    return `sc_ph_${originals.length - 1}_`;
  };
  return {
    dialect: {
      ...dialect,
      quoteIdentifier: (name) => placeholder(dialect.quoteIdentifier(name)),
      stringLiteral: (value) => placeholder(dialect.stringLiteral(value)),
    },
    // A caller's references (template calls such as `{{ ref(…) }}`) are not SQL the formatter knows.
    references:
      references === undefined
        ? {}
        : {
            references: {
              table: (object) => placeholder(references.table(object), true),
              view: (name) => placeholder(references.view(name), true),
            },
          },
    // One pass over the formatted skeleton: restored text is never scanned again. Everything
    // but a reference is escaped for the host language (a no-op for plain SQL).
    restore: (formatted, escape) => {
      let out = '';
      let from = 0;
      for (const match of formatted.matchAll(/\bsc_ph_(\d+)_/g)) {
        const original = originals[Number(match[1])];
        if (original === undefined) throw new Error(`internal: unknown SQL placeholder ${match[0]}`);
        out += escape(formatted.slice(from, match.index)) + (original.reference ? original.text : escape(original.text));
        from = match.index + match[0].length;
      }
      return out + escape(formatted.slice(from));
    },
  };
}

/**
 * Text safe inside a `--` comment: anything outside printable ASCII (newlines, U+2028, …)
 * becomes a `\u` escape, so a journey name can never end the comment and start a statement.
 */
function commentText(text: string): string {
  return text.replace(/[^\x20-\x7e]/gu, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}
