/**
 * What differs between SQL dialects, as data plus a few small functions.
 *
 * Modelled on PRQL's `sql/dialect.rs` (capabilities with documented fallbacks) and Malloy's
 * `dialect/` classes (one object per warehouse that knows its quoting and literals): the
 * defaults below are ANSI-flavoured SQL that most warehouses accept, and each module in
 * ./dialects overrides only what its warehouse does differently. The view builder
 * (./views.ts) never spells a dialect-specific construct itself; it asks the dialect.
 * ./CONTEXT.md is the checklist for adding a dialect.
 *
 * Some members have no default (`RequiredMember`): no one spelling is right for every
 * warehouse, and a wrong default would fail silently (a truncated view name, ids sorted by
 * a linguistic collation, a column of the wrong type). `defineDialect` refuses a dialect that
 * leaves one out, at compile time and again when the module loads.
 *
 * Expressions returned by `contains`/`startsWith`/`endsWith` may be NULL when an operand is
 * NULL: the predicate compiler wraps every leaf in `COALESCE(…, FALSE)`, so a dialect need
 * not care about null handling there. `nullSafeEquals` must itself be two-valued.
 */
import { leastRowByRowNumber, type GroupedRows, type LeastRowRequest } from './least-row.js';

export const DIALECT_NAMES = ['duckdb', 'postgres', 'snowflake', 'bigquery', 'redshift', 'databricks', 'trino'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** sql-formatter language names we use (the subset of its `SqlLanguage`). */
export type FormatterLanguage = 'duckdb' | 'postgresql' | 'snowflake' | 'bigquery' | 'redshift' | 'spark' | 'trino';

/** Column storage families (SPEC §3): numbers are doubles, instants UTC timestamps. */
export type ColumnFamily = 'text' | 'number' | 'boolean' | 'date' | 'datetime';
export const COLUMN_FAMILIES: readonly ColumnFamily[] = ['text', 'number', 'boolean', 'date', 'datetime'];

export interface Dialect {
  readonly name: DialectName;
  /** The language sql-formatter formats this dialect's output in. */
  readonly formatterLanguage: FormatterLanguage;
  /** `WITH name AS MATERIALIZED (…)` computes a CTE used twice only once (DuckDB inlines it otherwise). */
  readonly materializedCte: boolean;
  /** Longest identifier in UTF-8 bytes; longer names are truncated (PostgreSQL) or rejected. */
  readonly maxIdentifierBytes: number;
  /**
   * How the test suite verifies this dialect's views: `executed` on a real engine (named) or
   * only `parsed` by an SQL parser. `stages compile` states it in the script's header.
   */
  readonly verification: { readonly kind: 'executed'; readonly engine: string } | { readonly kind: 'parsed'; readonly parser: string };
  /**
   * Why the warehouse cannot hold a table or view of this name even quoted, or null. Absent:
   * every name `quoteIdentifier` spells is a valid relation name.
   */
  readonly relationNameProblem?: (name: string) => string | null;
  /**
   * The type of each storage family, as tables are created with it and as the views cast to
   * it; `datetime` is the type of stored instants (timestamp without time zone, holding UTC).
   */
  readonly columnTypes: Readonly<Record<ColumnFamily, string>>;
  /** `columnTypes[family]`, for callers that take the family as an argument (derived by `defineDialect`). */
  columnType(family: ColumnFamily): string;

  /** Quotes an identifier so any string (quotes, backslashes, newlines, unicode) is one name. */
  quoteIdentifier(name: string): string;
  /** A string literal denoting exactly `value`. */
  stringLiteral(value: string): string;
  /** A finite double. Negative values are parenthesised so `-` can never join a neighbour into `--`. */
  numberLiteral(value: number): string;
  booleanLiteral(value: boolean): string;
  /** `YYYY-MM-DD`. */
  dateLiteral(value: string): string;
  /** Canonical UTC instant `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
  timestampLiteral(value: string): string;
  /**
   * An instant column truncated toward the past to the millisecond (SPEC §3: finer input is
   * truncated). Warehouse tables often hold microseconds (dbt snapshots, Fivetran); the views
   * read every instant through this so they order and report exactly what the evaluator does.
   */
  truncateToMillisecond(expr: string): string;

  /** `expr` as it must appear in ORDER BY so text sorts by code point (= UTF-8 bytes). */
  binaryOrder(expr: string): string;
  /** Two-valued null-safe equality (true when both are NULL), as one atom: parenthesised or a call. */
  nullSafeEquals(a: string, b: string): string;
  /** Whether `needle` occurs in `haystack`, by characters, no pattern syntax. May be NULL on NULL input. */
  contains(haystack: string, needle: string): string;
  startsWith(text: string, prefix: string): string;
  endsWith(text: string, suffix: string): string;
  /** `a || b` text concatenation (NULL if either is NULL). */
  concat(a: string, b: string): string;

  /**
   * Least row per group: the SQL that gives `request.values` on the least (or greatest) row
   * of the request's subset of each group, added to `rows` (./least-row.ts); one expression
   * per value, for the grouped query's final columns. Text keys must compare by code point
   * whatever the session collation, and a NULL value on the winning row must be kept.
   * Default: a ROW_NUMBER window per request (`leastRowByRowNumber`).
   */
  leastRow(this: Dialect, request: LeastRowRequest, rows: GroupedRows): string[];
}

/** The members a dialect module must state itself (see the header): they have no default. */
export type RequiredMember = 'name' | 'formatterLanguage' | 'maxIdentifierBytes' | 'columnTypes' | 'binaryOrder' | 'verification';
const REQUIRED_MEMBERS: readonly RequiredMember[] = ['name', 'formatterLanguage', 'maxIdentifierBytes', 'columnTypes', 'binaryOrder', 'verification'];

/** What a dialect module passes to `defineDialect`: the required members, and overrides of the defaults. */
export type DialectDefinition = Pick<Dialect, RequiredMember> & Partial<Omit<Dialect, RequiredMember | 'columnType'>>;

/** Renders a double so every dialect reads back the same IEEE value (JS prints the shortest round-trip form). */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  // `1e+21` → `1e21`: every dialect reads the exponent form; the `+` is not universal.
  const text = Object.is(value, -0) ? '0' : String(value).replace('e+', 'e');
  return value < 0 ? `(${text})` : text;
}

/** `'…'` with embedded quotes doubled: the SQL standard, no backslash escapes. */
export function standardStringLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * `'…'` for dialects whose string literals interpret backslash escapes (BigQuery, Databricks,
 * Snowflake, Redshift): backslash escaped as `\\`, control characters as escapes so a literal
 * never spans lines (BigQuery rejects raw newlines in '…'), and the quote either as `\'` or
 * doubled — BigQuery accepts only `\'`, and Databricks would read `'it''s'` as two adjacent
 * literals (`its`); Snowflake and Redshift accept `''`, which their formatters also tokenise.
 */
export function backslashStringLiteral(
  value: string,
  options: { quote: "\\'" | "''"; unicodeEscape: (code: number) => string },
): string {
  return `'${backslashEscaped(value, "'", options.quote, options.unicodeEscape)}'`;
}

/** The body of a `delimiter`-quoted token in a backslash-escaping dialect (see above). */
export function backslashEscaped(
  value: string,
  delimiter: string,
  delimiterEscape: string,
  unicodeEscape: (code: number) => string,
): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === delimiter) out += delimiterEscape;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += unicodeEscape(code);
    else out += ch;
  }
  return out;
}

/** `"…"` with embedded double quotes doubled (SQL standard delimited identifier). */
export function doubleQuotedIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `YYYY-MM-DDTHH:MM:SS.mmmZ` → `YYYY-MM-DD HH:MM:SS.mmm` (the form every timestamp literal takes). */
export function timestampText(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)Z$/.exec(iso);
  if (!m) throw new Error(`not a canonical UTC instant: ${iso}`);
  return `${m[1]} ${m[2]}`;
}

function checkedDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`not a date: ${value}`);
  return value;
}

/** The ANSI-flavoured defaults (PostgreSQL-like, standard strings, double-quoted identifiers) of every member that has one. */
const ANSI_DEFAULTS: Omit<Dialect, RequiredMember | 'columnType'> = {
  materializedCte: false,
  quoteIdentifier: doubleQuotedIdentifier,
  stringLiteral: standardStringLiteral,
  numberLiteral: plainNumber,
  booleanLiteral: (value) => (value ? 'TRUE' : 'FALSE'),
  dateLiteral: (value) => `DATE '${checkedDate(value)}'`,
  timestampLiteral: (value) => `TIMESTAMP '${timestampText(value)}'`,
  truncateToMillisecond: (expr) => `DATE_TRUNC('milliseconds', ${expr})`,
  nullSafeEquals: (a, b) => `(${a} IS NOT DISTINCT FROM ${b})`,
  contains: (haystack, needle) => `STRPOS(${haystack}, ${needle}) > 0`,
  // SUBSTR counts characters everywhere we target; the length guard makes a too-long suffix false.
  startsWith: (text, prefix) => `SUBSTR(${text}, 1, LENGTH(${prefix})) = ${prefix}`,
  endsWith: (text, suffix) =>
    `(LENGTH(${text}) >= LENGTH(${suffix}) AND SUBSTR(${text}, LENGTH(${text}) - LENGTH(${suffix}) + 1) = ${suffix})`,
  concat: (a, b) => `${a} || ${b}`,
  leastRow(request, rows) {
    return leastRowByRowNumber(this, request, rows);
  },
};

/**
 * A dialect = the defaults with overrides (the one place dialects are assembled). Throws when
 * a required member or a column type is missing (a module written without the type checker).
 */
export function defineDialect(definition: DialectDefinition): Dialect {
  const types: Partial<Record<ColumnFamily, string>> = definition.columnTypes ?? {};
  const missing = [
    ...REQUIRED_MEMBERS.filter((member) => definition[member] === undefined),
    ...COLUMN_FAMILIES.filter((family) => types[family] === undefined).map((family) => `columnTypes.${family}`),
  ];
  if (missing.length > 0) throw new Error(`dialect ${definition.name ?? '(unnamed)'} does not define ${missing.join(', ')}`);
  const columnTypes = { ...definition.columnTypes };
  return { ...ANSI_DEFAULTS, ...definition, columnTypes, columnType: (family) => columnTypes[family] };
}
