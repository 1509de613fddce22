/**
 * The setup the DuckDB diagnostics share (`bench:duckdb-parts`, `bench:duckdb-variants`): the
 * default definition checked against the shipped schema, N synthetic versions written as CSV and
 * loaded into a fresh in-memory DuckDB (not timed), and the generated views created.
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadPieces } from './pieces.mjs';
import { ROOT, defaultDefinitionSource } from './definitions.mjs';
import { generateWorld, chunks } from './synthetic.mjs';
import { writeCsvDataset } from './csv.mjs';
import { openDuckDb } from './sessions.mjs';
import { loadTables } from './sql-bench.mjs';

/** Returns `{ session, schema, close }`; exits with a message when `dist/` is not built. */
export async function loadedDuckDb(versions) {
  const pieces = await loadPieces();
  if (!pieces.schema.ok || !pieces.front.ok || !pieces.sql.ok) {
    console.error('build first (npm run build): the schema loader, front end and SQL back end are needed');
    process.exit(1);
  }
  const schema = pieces.schema.module.loadSchema(`${ROOT}schema/salesforce.json`);
  const { source, file } = defaultDefinitionSource();
  const checked = pieces.front.module.checkSource(source, { file, schema });
  if (!checked.definition) throw new Error(`${file} does not check`);

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
    await session.exec(pieces.sql.module.compileSql(checked.definition, { dialect: 'duckdb' }));
  } catch (error) {
    await close();
    throw error;
  }
  return { session, schema, close };
}
