/**
 * What differs between SQL dialects, as data plus a few small functions.
 *
 * Modelled on PRQL's `sql/dialect.rs` (feature flags with defaults) and Malloy's
 * `dialect/` classes (one object per warehouse that knows its quoting and literals): the
 * base below is ANSI-flavoured SQL that most warehouses accept, and each module in
 * ./dialects overrides only what its warehouse does differently. The view builder
 * (./views.ts) never spells a dialect-specific construct itself; it asks the dialect.
 *
 * Expressions returned by `contains`/`startsWith`/`endsWith` may be NULL when an operand is
 * NULL: the predicate compiler wraps every leaf in `COALESCE(…, FALSE)`, so a dialect need
 * not care about null handling there. `nullSafeEquals` must itself be two-valued.
 */
export declare const DIALECT_NAMES: readonly ["duckdb", "postgres", "snowflake", "bigquery", "redshift", "databricks", "trino"];
export type DialectName = (typeof DIALECT_NAMES)[number];
/** sql-formatter language names we use (the subset of its `SqlLanguage`). */
export type FormatterLanguage = 'duckdb' | 'postgresql' | 'snowflake' | 'bigquery' | 'redshift' | 'spark' | 'trino';
/** Column storage families (SPEC §3): numbers are doubles, instants UTC timestamps. */
export type ColumnFamily = 'text' | 'number' | 'boolean' | 'date' | 'datetime';
export interface Dialect {
    readonly name: DialectName;
    /** The language sql-formatter formats this dialect's output in. */
    readonly formatterLanguage: FormatterLanguage;
    /** `QUALIFY` exists: first-row-per-group without a wrapping subquery. */
    readonly supportsQualify: boolean;
    /**
     * `arg_min(value, key)` accepts STRUCT values and keys (compared field by field, text by
     * bytes): first-row-per-group as a hash aggregate instead of a window sort.
     */
    readonly supportsArgMinStruct: boolean;
    /** Longest identifier in UTF-8 bytes; longer names are truncated (PostgreSQL) or rejected. */
    readonly maxIdentifierBytes: number;
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
    /** The type of stored instants (timestamp without time zone, holding UTC). */
    readonly timestampType: string;
    /** Column type of each storage family (used when an engine creates tables). */
    columnType(family: ColumnFamily): string;
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
}
/** Renders a double so every dialect reads back the same IEEE value (JS prints the shortest round-trip form). */
export declare function plainNumber(value: number): string;
/** `'…'` with embedded quotes doubled: the SQL standard, no backslash escapes. */
export declare function standardStringLiteral(value: string): string;
/**
 * `'…'` for dialects whose string literals interpret backslash escapes (BigQuery, Databricks,
 * Snowflake, Redshift): backslash escaped as `\\`, control characters as escapes so a literal
 * never spans lines (BigQuery rejects raw newlines in '…'), and the quote either as `\'` or
 * doubled — BigQuery accepts only `\'`, and Databricks would read `'it''s'` as two adjacent
 * literals (`its`); Snowflake and Redshift accept `''`, which their formatters also tokenise.
 */
export declare function backslashStringLiteral(value: string, options: {
    quote: "\\'" | "''";
    unicodeEscape: (code: number) => string;
}): string;
/** The body of a `delimiter`-quoted token in a backslash-escaping dialect (see above). */
export declare function backslashEscaped(value: string, delimiter: string, delimiterEscape: string, unicodeEscape: (code: number) => string): string;
/** `"…"` with embedded double quotes doubled (SQL standard delimited identifier). */
export declare function doubleQuotedIdentifier(name: string): string;
/** `YYYY-MM-DDTHH:MM:SS.mmmZ` → `YYYY-MM-DD HH:MM:SS.mmm` (the form every timestamp literal takes). */
export declare function timestampText(iso: string): string;
/** ANSI-flavoured defaults: PostgreSQL-like, standard strings, double-quoted identifiers. */
export declare const baseDialect: Dialect;
/** A dialect = the base with overrides (the one place dialects are assembled). */
export declare function defineDialect(overrides: Partial<Dialect> & Pick<Dialect, 'name' | 'formatterLanguage'>): Dialect;
