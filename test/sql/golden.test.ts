/**
 * Golden files of the generated SQL: the shipped default definition (examples/default.stages,
 * through the real front end) and a definition using every IR operator (test/sql/fixtures.ts),
 * for all seven dialects. DuckDB and PostgreSQL are stored whole (`<definition>.<dialect>.sql`);
 * every other dialect as a unified diff against the PostgreSQL golden
 * (`<definition>.<dialect>.diff`), so a reader sees only what that dialect spells
 * differently. The test compares the generated SQL with the PostgreSQL golden plus that patch,
 * applied strictly (test/support/unified-diff.ts). `UPDATE_GOLDEN=1` rewrites them all; review
 * the diff by eye. A dialect without a golden gets one written, and the test fails once.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/compiler/index.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { compileSql, DIALECT_NAMES, type DialectName } from '../../src/compiler/sql/index.js';
import { applyUnifiedDiff, unifiedDiff } from '../support/unified-diff.js';
import { everyOperator } from './fixtures.js';

const GOLDEN_DIR = new URL('../golden/sql/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

/** The dialect the patches are taken against, and the dialects stored whole. */
const BASE: DialectName = 'postgres';
const WHOLE: readonly DialectName[] = ['duckdb', BASE];

function shippedDefault(): CheckedDefinition {
  const result = checkFile(new URL('../../examples/default.stages', import.meta.url).pathname);
  if (result.definition === null) throw new Error(`examples/default.stages does not check: ${JSON.stringify(result.diagnostics)}`);
  return result.definition;
}

const definitions: { name: string; def: () => CheckedDefinition; options?: { prefix: string; schemaName: string } }[] = [
  { name: 'default', def: shippedDefault },
  { name: 'every-operator', def: everyOperator, options: { prefix: 'sc_', schemaName: 'analytics' } },
];

describe.each(definitions)('golden SQL for $name', ({ name, def, options }) => {
  const wholeFile = (dialect: DialectName): string => `${name}.${dialect}.sql`;
  it.each([...DIALECT_NAMES])('%s', (dialect) => {
    const sql = compileSql(def(), { dialect, ...options });
    const whole = WHOLE.includes(dialect);
    const fileName = whole ? wholeFile(dialect) : `${name}.${dialect}.diff`;
    const file = new URL(fileName, GOLDEN_DIR);
    if (update || !existsSync(file)) {
      // A patch is taken against the PostgreSQL SQL generated now, not its file, so one update
      // run is consistent whatever order the dialects run in.
      const stored = whole ? sql : unifiedDiff(compileSql(def(), { dialect: BASE, ...options }), sql, { before: wholeFile(BASE), after: wholeFile(dialect) });
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, stored);
      if (!update) throw new Error(`golden file ${file.pathname} was missing and has been written; review it and rerun`);
    }
    const golden = readFileSync(file, 'utf8');
    expect(sql).toBe(whole ? golden : applyUnifiedDiff(readFileSync(new URL(wholeFile(BASE), GOLDEN_DIR), 'utf8'), golden));
  });
});
