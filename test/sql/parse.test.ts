/**
 * The dialects that cannot run here (snowflake, bigquery, redshift, trino, databricks) are
 * parsed by an independent parser of that dialect: node-sql-parser (hive grammar for
 * Databricks/Spark SQL). DuckDB and PostgreSQL are not listed: they execute for real.
 *
 * Where the parser lacks a construct the views use, the gap is NAMED below with the smallest
 * rewrite that lets the parser check everything else. Each gap must still be real — the test
 * fails when its construct no longer occurs in the output — so the list cannot silently rot.
 */
import { describe, expect, it } from 'vitest';
import pkg from 'node-sql-parser';
import { checkFile } from '../../src/compiler/index.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { compileSqlStatements, getDialect, type DialectName } from '../../src/compiler/sql/index.js';
import { sparkSafeSchema } from '../support/spark.js';
import { adversarialDefinition, EVIL_NAMES, evilSchema } from './adversarial-fixtures.js';
import { everyOperator } from './fixtures.js';

const { Parser } = pkg;
const parser = new Parser();

type Remote = Exclude<DialectName, 'duckdb' | 'postgres'>;
const PARSER_DATABASE: Record<Remote, string> = {
  snowflake: 'snowflake',
  bigquery: 'bigquery',
  redshift: 'redshift',
  trino: 'trino',
  databricks: 'hive',
};

interface Gap {
  /** What node-sql-parser does not understand. */
  readonly construct: string;
  readonly dialects: readonly Remote[];
  /** Only statements matching this (by view name) are affected. */
  readonly views?: readonly string[];
  /** The rewrite applied before parsing (input: the whole statement). */
  readonly rewrite: (sql: string, dialect: Remote) => string;
  /** Whether the construct occurs in a statement (so the gap is real). */
  readonly occursIn: (sql: string, dialect: Remote) => boolean;
}

/** The hostile names whose quoted form escapes the quote character itself (`""`, ``` `` ```, `` \` ``). */
function namesEscapingTheirQuote(dialect: Remote): { quoted: string; tame: string }[] {
  const d = getDialect(dialect);
  const delimiter = d.quoteIdentifier('x')[0];
  return EVIL_NAMES.filter((name) => name.includes(delimiter)).map((name) => ({
    quoted: d.quoteIdentifier(name),
    tame: d.quoteIdentifier(name.replaceAll(delimiter, '_')),
  }));
}

const viewBody = (sql: string): string => sql.slice(sql.indexOf(' AS\n') + ' AS\n'.length);

const GAPS: readonly Gap[] = [
  {
    construct: 'CREATE VIEW whose body is a top-level UNION ALL (the parser accepts only a plain SELECT): the body is parsed alone',
    dialects: ['snowflake', 'bigquery', 'redshift', 'trino'],
    views: ['stage_person_candidates', 'stage_stamps'],
    rewrite: viewBody,
    occursIn: (sql) => /^UNION ALL$/m.test(sql),
  },
  {
    construct: 'CREATE OR REPLACE VIEW (hive grammar has no OR REPLACE for views): each view body is parsed alone',
    dialects: ['databricks'],
    rewrite: viewBody,
    occursIn: (sql) => sql.startsWith('CREATE OR REPLACE VIEW'),
  },
  {
    construct: 'null-safe equality `<=>` (not in the hive grammar): checked as `=`',
    dialects: ['databricks'],
    rewrite: (sql) => sql.replaceAll('<=>', '='),
    occursIn: (sql) => sql.includes('<=>'),
  },
  {
    construct: 'IS NOT DISTINCT FROM (not in these grammars): checked as `=`',
    dialects: ['bigquery', 'trino'],
    rewrite: (sql) => sql.replace(/\bIS NOT DISTINCT FROM\b/g, '='),
    occursIn: (sql) => /\bIS NOT DISTINCT FROM\b/.test(sql),
  },
  {
    construct: 'an escaped quote character inside a quoted identifier ("a""b", `a``b`, `a\\`b`): checked with that character replaced',
    dialects: ['snowflake', 'bigquery', 'redshift', 'trino', 'databricks'],
    rewrite: (sql, dialect) =>
      namesEscapingTheirQuote(dialect).reduce((text, { quoted, tame }) => text.replaceAll(quoted, tame), sql),
    occursIn: (sql, dialect) => namesEscapingTheirQuote(dialect).some(({ quoted }) => sql.includes(quoted)),
  },
  {
    construct: "backslash in a string literal (the trino grammar treats it as an escape; Trino does not, so '\\''' is valid Trino): checked with / instead",
    dialects: ['trino'],
    rewrite: (sql) => sql.replaceAll('\\', '/'),
    occursIn: (sql) => sql.includes("\\'"),
  },
  {
    construct: 'EXTRACT(SECOND FROM x) (not in the hive grammar): checked as second(x)',
    dialects: ['databricks'],
    rewrite: (sql) => sql.replace(/\bEXTRACT\(\s*SECOND\s+FROM\s+/g, 'second('),
    occursIn: (sql) => /\bEXTRACT\(\s*SECOND\s+FROM\b/.test(sql),
  },
  {
    construct: 'NULLS LAST in a window ORDER BY (not in the bigquery and hive grammars): checked without it',
    dialects: ['bigquery', 'databricks'],
    rewrite: (sql) => sql.replace(/\s+NULLS LAST\b/g, ''),
    occursIn: (sql) => /\bNULLS LAST\b/.test(sql),
  },
];

function shippedDefault(): CheckedDefinition {
  const result = checkFile(new URL('../../examples/default.stages', import.meta.url).pathname);
  if (result.definition === null) throw new Error('examples/default.stages does not check');
  return result.definition;
}

const definitions: { name: string; def: () => CheckedDefinition }[] = [
  { name: 'default', def: shippedDefault },
  { name: 'every operator', def: everyOperator },
  { name: 'adversarial names and literals', def: adversarialDefinition },
];

/** Spark cannot hold the hostile table names: databricks parses them spelt as a Databricks user would. */
const definitionFor = (dialect: Remote, def: () => CheckedDefinition): CheckedDefinition =>
  dialect === 'databricks' && def === adversarialDefinition ? adversarialDefinition(sparkSafeSchema(evilSchema())) : def();

describe.each(Object.keys(PARSER_DATABASE) as Remote[])('%s views parse with node-sql-parser', (dialect) => {
  const gapsSeen = new Set<string>();
  it.each(definitions)('$name', ({ def }) => {
    for (const statement of compileSqlStatements(definitionFor(dialect, def), { dialect, prefix: 'sc_', schemaName: 'analytics' })) {
      let sql = statement.sql;
      for (const gap of GAPS) {
        if (!gap.dialects.includes(dialect)) continue;
        if (gap.views !== undefined && !gap.views.includes(statement.name)) continue;
        if (!gap.occursIn(sql, dialect)) continue;
        gapsSeen.add(gap.construct);
        sql = gap.rewrite(sql, dialect);
      }
      expect(() => parser.astify(sql, { database: PARSER_DATABASE[dialect] }), `${dialect} ${statement.name}:\n${sql}`).not.toThrow();
    }
  });
  it('every gap named for this dialect still occurs in the output', () => {
    const named = GAPS.filter((g) => g.dialects.includes(dialect)).map((g) => g.construct);
    expect([...gapsSeen].sort()).toEqual(named.sort());
  });
});

describe('relation names a warehouse cannot hold', () => {
  it('databricks refuses a table name Spark cannot hold, naming the table and the object', () => {
    expect(() => compileSqlStatements(adversarialDefinition(), { dialect: 'databricks' })).toThrow(
      /^table 'eng"agement; DROP TABLE x; --' of Engagement cannot exist on databricks: Spark and Databricks relation names hold only ASCII letters, digits and _/,
    );
    expect(() => compileSqlStatements(shippedDefault(), { dialect: 'databricks', prefix: 'my views ' })).toThrow(/^view name 'my views \w+' cannot be created on databricks/);
    expect(() => compileSqlStatements(shippedDefault(), { dialect: 'databricks', schemaName: 'sales ops' })).toThrow(
      /^schema name 'sales ops' cannot exist on databricks: .* \(change --schema-name\)$/,
    );
    expect(() => compileSqlStatements(shippedDefault(), { dialect: 'databricks', schemaName: 'sales_ops' })).not.toThrow();
    expect(() => compileSqlStatements(shippedDefault(), { dialect: 'postgres', schemaName: 'sales ops' })).not.toThrow();
  });
});
