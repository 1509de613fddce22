/**
 * `stages check` must start fast: nothing on its import path may load ts-morph, the TypeScript
 * compiler, DuckDB, pg or sql-formatter. Follows the static imports from the check command.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = ['ts-morph', 'typescript', '@duckdb/node-api', 'pg', 'sql-formatter'];

/** Static (not `await import(...)`) import specifiers of a TypeScript module. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]/gm)) {
    if (!/^\s*import\s+type\s/.test(m[0]) && !/^\s*export\s+type\s/.test(m[0])) specs.push(m[1]);
  }
  return specs;
}

function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  };
  visit(resolve(entry));
  return { files, packages };
}

/**
 * The back ends and DuckDB's side of the data layer (which loads `@duckdb/node-api` with
 * `require`, out of reach of the package check above).
 */
const BACK_END_FOLDERS = ['/compiler/sql/', '/compiler/ts/', '/engines/', '/data/duckdb/'];

function inBackEnd(file: string): boolean {
  return BACK_END_FOLDERS.some((folder) => file.includes(folder));
}

describe('stages check start-up', () => {
  it('imports only the front end', () => {
    const { files, packages } = reachable('src/cli/commands/check.ts');
    for (const p of FORBIDDEN) expect(packages).not.toContain(p);
    for (const p of packages) expect(p.startsWith('node:') || p === 'chevrotain').toBe(true);
    expect([...files].filter(inBackEnd)).toEqual([]);
  });

  it('stages fmt imports only the front end too', () => {
    const { files, packages } = reachable('src/cli/commands/fmt.ts');
    for (const p of packages) expect(p.startsWith('node:') || p === 'chevrotain').toBe(true);
    expect([...files].filter(inBackEnd)).toEqual([]);
  });

  it('is reached from main.ts only through a lazy import', () => {
    const { packages } = reachable('src/cli/main.ts');
    for (const p of FORBIDDEN) expect(packages).not.toContain(p);
  });
});
