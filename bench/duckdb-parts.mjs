#!/usr/bin/env node
/**
 * `npm run bench:duckdb-parts [-- --versions=N]` — where the DuckDB views' time goes, against
 * the floor query of `npm run bench` (docs/performance.md, "What the DuckDB floor leaves room for").
 *
 * On the quick dataset (N = 1,000,000 by default) it times, interleaved over seven rounds after
 * a warm-up (medians), each as `CREATE TEMP TABLE … AS`:
 *   - the floor query and the generated views (`stage_stamps`), as `npm run bench` does;
 *   - parts of the work, each computed in full but reduced to one row (`max(hash(row))`), so no
 *     part pays for writing an intermediate result a combined query would not write:
 *       persons:        Lead/Contact versions joined to their journey inside its window, the
 *                       least stage-2 and stage-3 instant per journey — no owners, no tie order,
 *                       no primary opportunity, no back-fill (less than §4 asks);
 *       persons, exact: the generated views' journey aggregate (`stage_engagement_candidates`:
 *                       owners, the §4.3 tie order, the primary opportunity — and, as it reads
 *                       the opportunity origins, the opportunity aggregate too);
 *       opportunities:  the generated per-opportunity aggregate (stages 4–6, attribution, §4.4);
 *       output:         copying the finished `stage_stamps` rows into a new table, less the time
 *                       to read them back (timed alone) — writing the answer.
 * "persons + opportunities + output" is the work of an answer without owners and ties;
 * "persons, exact + output" that of the generated shape before its unpivot.
 */
import { loadedDuckDb } from './lib/duckdb-loaded.mjs';
import { floorQuery, timeMaterialise } from './lib/sql-bench.mjs';
import { rounds } from './lib/stats.mjs';

const versionsArg = process.argv.slice(2).find((a) => a.startsWith('--versions='));
const N = versionsArg ? Number(versionsArg.split('=')[1]) : 1_000_000;

const PERSONS = [
  'SELECT j.journey_id, min(v.t) FILTER (WHERE v.meets2) AS stage2_t, min(v.t) FILTER (WHERE v.meets3) AS stage3_t',
  'FROM stage_person_candidates AS v',
  'JOIN stage_journeys AS j ON j.journey_id = v.journey_id AND j.created_at <= v.t AND (j.completed_at IS NULL OR v.t < j.completed_at)',
  'WHERE v.meets2 OR v.meets3',
  'GROUP BY j.journey_id',
].join('\n');
/** A part computed in full, reduced to one row: every column feeds the hash. */
const reduced = (query) => `SELECT max(hash(p)) AS h FROM (${query}) AS p`;

const { session, schema, close } = await loadedDuckDb(N);
try {
  await session.exec('CREATE TEMP TABLE parts_stamps AS SELECT * FROM stage_stamps');

  const time = (query) => () => timeMaterialise(session, query);
  const r = await rounds(7, 1, {
    floor: time(floorQuery(schema)),
    views: time('SELECT * FROM stage_stamps'),
    persons: time(reduced(PERSONS)),
    personsExact: time(reduced('SELECT * FROM stage_engagement_candidates')),
    opportunities: time(reduced('SELECT * FROM stage_opportunity_candidates')),
    copy: time('SELECT * FROM parts_stamps'),
    readBack: time(reduced('SELECT * FROM parts_stamps')),
  });
  const floor = r.floor.median;
  const output = r.copy.median - r.readBack.median;
  const line = (label, ms) => console.log(`${label.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / floor).toFixed(2).padStart(5)}× floor`);
  console.log(`DuckDB, N = ${N.toLocaleString('en-US')} versions (medians of ${r.floor.samples.length} interleaved rounds after a warm-up)`);
  line('floor query', floor);
  line('generated views → stage_stamps', r.views.median);
  line('  part: persons (least instants only)', r.persons.median);
  line('  part: persons, exact (owners, ties, primary opp., opps)', r.personsExact.median);
  line('  part: opportunities', r.opportunities.median);
  line('  part: output (copy of the rows − reading them)', output);
  line('  persons + opportunities + output', r.persons.median + r.opportunities.median + output);
  line('  persons, exact + output', r.personsExact.median + output);
} finally {
  await close();
}
