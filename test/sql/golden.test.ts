/**
 * Golden files of the generated SQL: the shipped default definition (examples/default.stages,
 * through the real front end) and a definition using every IR operator (test/sql/fixtures.ts),
 * for all seven dialects. `UPDATE_GOLDEN=1` rewrites them; review the diff by eye.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/compiler/index.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { compileSql, DIALECT_NAMES } from '../../src/compiler/sql/index.js';
import { everyOperator } from './fixtures.js';

const GOLDEN_DIR = new URL('../golden/sql/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

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
  it.each([...DIALECT_NAMES])('%s', (dialect) => {
    const sql = compileSql(def(), { dialect, ...options });
    const file = new URL(`${name}.${dialect}.sql`, GOLDEN_DIR);
    if (update || !existsSync(file)) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, sql);
      if (!update) throw new Error(`golden file ${file.pathname} was missing and has been written; review it and rerun`);
    }
    expect(sql).toBe(readFileSync(file, 'utf8'));
  });
});
