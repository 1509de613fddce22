/**
 * The setup the DuckDB diagnostics share (`bench:duckdb-parts`, `bench:duckdb-variants`): the
 * default definition checked against the shipped schema, N synthetic versions written as CSV and
 * loaded into a fresh in-memory DuckDB (not timed), and the generated views created.
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { defaultDefinitionSource } from './definitions.mjs';
import { schema, checkDefinition, sqlBackEnd } from './project.mjs';
import { generateWorld, chunks } from './synthetic.mjs';
import { writeCsvDataset } from './csv.mjs';
import { openDuckDb } from './sessions.mjs';
import { loadTables } from './sql-bench.mjs';

/**
 * @param {number} versions
 * @returns {Promise<{ session: import('./sessions.mjs').Session, schema: any, close: () => Promise<void> }>}
 */
export async function loadedDuckDb(versions) {
  const { source, file } = defaultDefinitionSource();
  const definition = checkDefinition(file, source);

  const session = await openDuckDb();
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-duckdb-'));
  const close = async () => {
    try {
      await session.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    process.stderr.write(`generating and loading ${versions.toLocaleString('en-US')} versions (not timed)\n`);
    const files = writeCsvDataset(chunks(generateWorld(versions), 4096), schema, dir);
    await loadTables(session, schema, files, 'duckdb');
    await session.exec(sqlBackEnd.compileSql(definition, { dialect: 'duckdb' }));
  } catch (error) {
    await close();
    throw error;
  }
  return { session, schema, close };
}
