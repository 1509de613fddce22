#!/usr/bin/env node
/**
 * `npm run bench:duckdb-parts [-- --versions=N]` — where the DuckDB views' time goes, against
 * the floor query of `npm run bench` (docs/performance.md, "What the DuckDB floor leaves room for").
 *
 * On the quick dataset (N = 1,000,000 by default) it times, each as `CREATE TEMP TABLE … AS`,
 * medians of five runs after a warm-up:
 *   - the floor query and the generated views (`stage_stamps`), as `npm run bench` does;
 *   - three parts of the work every exact answer has to do, each alone and each computing LESS
 *     than SPEC §4 asks:
 *       persons:       Lead/Contact versions joined to their journey inside its window, the least
 *                      stage-2 and stage-3 instant per journey — no owners, no ties, no back-fill;
 *       opportunities: the per-opportunity aggregate view (stages 4–6, attribution, §4.4 date);
 *       output:        copying the finished `stage_stamps` rows into a new table (writing the
 *                      answer, with nothing left to compute).
 * The sum of the three parts, divided by the floor, is what this engine needs before owners, tie
 * order and back-fill are paid for.
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadPieces } from './lib/pieces.mjs';
import { ROOT, defaultDefinitionSource } from './lib/definitions.mjs';
import { generateWorld, chunks } from './lib/synthetic.mjs';
import { writeCsvDataset } from './lib/csv.mjs';
import { openDuckDb } from './lib/sessions.mjs';
import { loadTables, floorQuery, timeMaterialise } from './lib/sql-bench.mjs';
import { sample } from './lib/stats.mjs';

const versionsArg = process.argv.slice(2).find((a) => a.startsWith('--versions='));
const N = versionsArg ? Number(versionsArg.split('=')[1]) : 1_000_000;

const pieces = await loadPieces();
if (!pieces.schema.ok || !pieces.front.ok || !pieces.sql.ok) {
  console.error('build first (npm run build): the schema loader, front end and SQL back end are needed');
  process.exit(1);
}
const schema = pieces.schema.module.loadSchema(`${ROOT}schema/salesforce.json`);
const { source, file } = defaultDefinitionSource();
const checked = pieces.front.module.checkSource(source, { file, schema });
if (!checked.definition) throw new Error(`${file} does not check`);

const PARTS = {
  persons: [
    'SELECT j.journey_id, min(v.t) FILTER (WHERE v.meets2) AS stage2_t, min(v.t) FILTER (WHERE v.meets3) AS stage3_t',
    'FROM stage_person_candidates AS v',
    'JOIN stage_journeys AS j ON j.journey_id = v.journey_id AND j.created_at <= v.t AND (j.completed_at IS NULL OR v.t < j.completed_at)',
    'WHERE v.meets2 OR v.meets3',
    'GROUP BY j.journey_id',
  ].join('\n'),
  opportunities: 'SELECT * FROM stage_opportunity_candidates',
  output: 'SELECT * FROM parts_stamps',
};

const dir = mkdtempSync(join(tmpdir(), 'stagecraft-parts-'));
const session = await openDuckDb();
try {
  process.stderr.write(`generating and loading ${N.toLocaleString('en-US')} versions (not timed)\n`);
  const files = writeCsvDataset(chunks(generateWorld(N), 4096), schema, dir);
  await loadTables(session, schema, files, 'duckdb');
  await session.exec(pieces.sql.module.compileSql(checked.definition, { dialect: 'duckdb' }));
  await session.exec('CREATE TEMP TABLE parts_stamps AS SELECT * FROM stage_stamps');

  const time = (query) => sample(5, 1, () => timeMaterialise(session, query, 'duckdb'));
  const floor = await time(floorQuery(schema));
  const views = await time('SELECT * FROM stage_stamps');
  const parts = {};
  for (const [name, query] of Object.entries(PARTS)) parts[name] = await time(query);
  const sum = Object.values(parts).reduce((s, p) => s + p.median, 0);

  const line = (label, ms) => console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / floor.median).toFixed(2).padStart(5)}× floor`);
  console.log(`DuckDB, N = ${N.toLocaleString('en-US')} versions (medians of ${floor.samples.length} runs after a warm-up)`);
  line('floor query', floor.median);
  line('generated views → stage_stamps', views.median);
  for (const [name, p] of Object.entries(parts)) line(`  part: ${name}`, p.median);
  line('  sum of the parts (less than §4 asks)', sum);
} finally {
  await session.close();
  rmSync(dir, { recursive: true, force: true });
}
