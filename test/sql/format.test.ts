/**
 * src/compiler/sql/format.ts lays out long expressions itself (for speed) and must produce
 * exactly what sql-formatter alone produces. Differential test: every view of several
 * definitions, in every dialect, formatted both ways — with real quoted names and literals,
 * and with the placeholder words compileSql formats in their place.
 */
import { format } from 'sql-formatter';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/compiler/index.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { compileSqlStatements, DIALECT_NAMES, getDialect } from '../../src/compiler/sql/index.js';
import { cutHoles, formatSql } from '../../src/compiler/sql/format.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { everyOperator, specExample } from './fixtures.js';

const LEAD_ATOMS = [
  'Score >= 10',
  "Status in ('Open', 'Routed', 'Working')",
  '(AnnualRevenue is null or not IsDeleted)',
  "Email contains '@'",
  "Email ends with '.com'",
  "not (Country = 'Atlantis' or Country = 'Lemuria')",
  'OwnerId != CurrentActivationId',
  "Interests excludes ('AI;Cloud')",
  "(Rating in ('Hot') and (Score < 100 or Email starts with 'p'))",
];

/** A definition whose criteria are long: the expressions format.ts takes over. */
function longDefinition(): CheckedDefinition {
  let lead = LEAD_ATOMS[0];
  for (let i = 1; i < 40; i++) lead += `${i % 7 === 3 ? ' or ' : ' and '}${LEAD_ATOMS[i % LEAD_ATOMS.length]}`;
  const source = `journey "Long"\nstage 1 "Activation"\nstage 2 "MQL" {\n  lead when ${lead}\n  contact when Score > 1 and Title != 'x' and not IsDeleted and Email contains '@'\n}\n`;
  const result = checkSource(source, { file: 'long.stages', schema: loadDefaultSchema() });
  if (result.definition === null) throw new Error(JSON.stringify(result.diagnostics));
  return result.definition;
}

const definitions: [string, () => CheckedDefinition][] = [
  ['spec example', () => specExample()],
  ['every operator', () => everyOperator()],
  ['long criteria', longDefinition],
];

/** Quoted names as the placeholder words compileSql formats in their place. */
function withPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/"(?:[^"]|"")*"|`(?:[^`\\]|\\.)*`/g, () => `sc_ph_${n++}_`);
}

describe.each(definitions)('formatSql matches sql-formatter: %s', (_name, make) => {
  it.each([...DIALECT_NAMES])('%s', (dialect) => {
    const language = getDialect(dialect).formatterLanguage;
    for (const view of compileSqlStatements(make(), { dialect, pretty: false })) {
      for (const sql of [view.sql, withPlaceholders(view.sql)]) {
        expect(formatSql(sql, language)).toBe(format(sql, { language, tabWidth: 2 }));
      }
    }
  });
});

it('takes over the long criteria expressions (so the comparison above covers its own layout)', () => {
  const statements = compileSqlStatements(longDefinition(), { dialect: 'duckdb', pretty: false });
  const holes = statements.flatMap((s) => cutHoles(withPlaceholders(s.sql), 'duckdb').holes);
  expect(holes.length).toBeGreaterThan(0);
});
