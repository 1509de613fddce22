/**
 * Each dialect's literals, quoting and idioms, pinned by hand (the runnable dialects are also
 * round-tripped for real in ./adversarial.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { DIALECT_NAMES, getDialect, type DialectName } from '../../src/compiler/sql/index.js';
import { COLUMN_FAMILIES, defineDialect, plainNumber, type DialectDefinition } from '../../src/compiler/sql/dialect.js';

const tricky = "it's \\ \n end";

const expected: Record<DialectName, { string: string; ident: string; timestamp: string; nullSafe: string }> = {
  duckdb: {
    string: "'it''s \\ \n end'",
    ident: '"a""b`c"',
    timestamp: "TIMESTAMP '2025-01-31 12:00:00.123'",
    nullSafe: '(a IS NOT DISTINCT FROM b)',
  },
  postgres: {
    string: "'it''s \\ \n end'",
    ident: '"a""b`c"',
    timestamp: "TIMESTAMP '2025-01-31 12:00:00.123'",
    nullSafe: '(a IS NOT DISTINCT FROM b)',
  },
  snowflake: {
    string: "'it''s \\\\ \\n end'",
    ident: '"a""b`c"',
    timestamp: "CAST('2025-01-31 12:00:00.123' AS TIMESTAMP_NTZ)",
    nullSafe: 'EQUAL_NULL(a, b)',
  },
  bigquery: {
    string: "'it\\'s \\\\ \\n end'",
    ident: '`a"b\\`c`',
    timestamp: "TIMESTAMP '2025-01-31 12:00:00.123+00'",
    nullSafe: '(a IS NOT DISTINCT FROM b)',
  },
  redshift: {
    string: "'it''s \\\\ \\n end'",
    ident: '"a""b`c"',
    timestamp: "TIMESTAMP '2025-01-31 12:00:00.123'",
    nullSafe: '((a IS NULL AND b IS NULL) OR COALESCE(a = b, FALSE))',
  },
  databricks: {
    string: "'it\\'s \\\\ \\n end'",
    ident: '`a"b``c`',
    timestamp: "TIMESTAMP '2025-01-31 12:00:00.123'",
    nullSafe: '(a <=> b)',
  },
  trino: {
    string: "'it''s \\ \n end'",
    ident: '"a""b`c"',
    timestamp: "TIMESTAMP '2025-01-31 12:00:00.123'",
    nullSafe: '(a IS NOT DISTINCT FROM b)',
  },
};

describe.each([...DIALECT_NAMES])('%s', (name) => {
  const d = getDialect(name);
  it('escapes string literals for its own lexer', () => {
    expect(d.stringLiteral(tricky)).toBe(expected[name].string);
  });
  it('quotes identifiers', () => {
    expect(d.quoteIdentifier('a"b`c')).toBe(expected[name].ident);
  });
  it('writes instants and dates as typed literals', () => {
    expect(d.timestampLiteral('2025-01-31T12:00:00.123Z')).toBe(expected[name].timestamp);
    expect(d.dateLiteral('2025-01-31')).toBe("DATE '2025-01-31'");
  });
  it('has a two-valued null-safe equality', () => {
    expect(d.nullSafeEquals('a', 'b')).toBe(expected[name].nullSafe);
  });
  it('never lets a string literal span lines where the dialect forbids it', () => {
    if (name === 'bigquery' || name === 'databricks' || name === 'snowflake' || name === 'redshift') {
      expect(d.stringLiteral('a\nb\rc\u0001')).not.toMatch(/[\n\r\u0001]/);
    }
  });
  it('rejects malformed dates and instants instead of emitting them', () => {
    expect(() => d.dateLiteral("2025-01-31' OR 1=1 --")).toThrow();
    expect(() => d.timestampLiteral("2025-01-31T00:00:00.000Z'; --")).toThrow();
  });
});

describe('numbers', () => {
  it('print the shortest round-trip form, exponents without +, negatives parenthesised', () => {
    expect(plainNumber(0)).toBe('0');
    expect(plainNumber(-0)).toBe('0');
    expect(plainNumber(0.1)).toBe('0.1');
    expect(plainNumber(1e21)).toBe('1e21');
    expect(plainNumber(5e-324)).toBe('5e-324');
    expect(plainNumber(-2.5)).toBe('(-2.5)');
    expect(() => plainNumber(Number.NaN)).toThrow();
  });
});

describe('defineDialect', () => {
  const required = {
    name: 'postgres',
    formatterLanguage: 'postgresql',
    maxIdentifierBytes: 63,
    columnTypes: { text: 'VARCHAR', number: 'DOUBLE PRECISION', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP' },
    binaryOrder: (expr: string) => expr,
  } as const;

  it('refuses a dialect that leaves out a member without a default', () => {
    for (const member of Object.keys(required)) {
      const { [member as keyof typeof required]: _left, ...rest } = required;
      expect(() => defineDialect(rest as unknown as DialectDefinition), member).toThrow(member);
    }
  });
  it('refuses a dialect without a column type for every family', () => {
    const { datetime: _left, ...types } = required.columnTypes;
    expect(() => defineDialect({ ...required, columnTypes: types } as unknown as DialectDefinition)).toThrow('columnTypes.datetime');
  });
  it.each([...DIALECT_NAMES])('%s: columnType reads its columnTypes', (name) => {
    const d = getDialect(name);
    for (const family of COLUMN_FAMILIES) expect(d.columnType(family)).toBe(d.columnTypes[family]);
  });
});
