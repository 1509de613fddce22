#!/usr/bin/env node
/**
 * `npm run bench [-- --quick]` — Stagecraft against its peers and against the physical floor
 * (issue 6). Runs on `dist/` (the npm script builds first) with `--expose-gc`.
 *
 *   --quick        N = 1,000,000 versions, scaling point 100,000 (target: < 2 minutes on 2 cores)
 *   (default)      N = 10,000,000 versions, scaling point 1,000,000
 *   --versions=N   any other N (scaling point N/10)
 *   --only=a,b     run only some groups: cli, ts, duckdb, postgres (development aid)
 *
 * Prints a readable table, then as its LAST line one JSON object with exactly the keys of
 * issue 6 (a figure that could not be measured is null and the table says why).
 * Method and figures: docs/performance.md.
 */
import { mkdtempSync, chmodSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadPieces } from './lib/pieces.mjs';
import { ROOT, defaultDefinitionSource, wideCriteria, generatedCriteria, printDefinition } from './lib/definitions.mjs';
import { generateWorld, chunks } from './lib/synthetic.mjs';
import { sample, gc, nowMs, rounds, pairedRatio } from './lib/stats.mjs';
import {
  rowSource,
  floorPass,
  evaluatorPass,
  compiledPredicatesPass,
  interpretedPredicatesPass,
  rulesEnginePass,
  interpretedHits,
  retainedHeap,
  upsertLatency,
} from './lib/ts-bench.mjs';
import { buildRulesEngines } from './lib/rules-engine.mjs';
import { fallbackEvaluatorDefinition } from './lib/fallback-definition.mjs';
import { writeCsvDataset } from './lib/csv.mjs';
import { openDuckDb, findPostgres, openPostgres } from './lib/sessions.mjs';
import { loadTables, floorQuery, timeMaterialise, countRows } from './lib/sql-bench.mjs';
import { JSON_KEYS, renderTable, round, verdict, fmt } from './lib/report.mjs';

// ---- options ---------------------------------------------------------------------------------

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const versionsArg = args.find((a) => a.startsWith('--versions='));
const N = versionsArg ? Number(versionsArg.split('=')[1]) : quick ? 1_000_000 : 10_000_000;
const SCALE_N = Math.round(N / 10);
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.split('=')[1].split(',')) : null;
const runs = (group) => !only || only.has(group);

// Runs per figure. Each measurement is repeated after warm-up; SQL figures stop early when a
// time budget is spent (at least MIN runs), so --quick stays near its two minutes.
const R = quick
  ? { ts: 7, tsWarm: 1, pred: 3, sql: 7, sqlWarm: 1, sqlBudgetMs: 25_000, rulesRows: 50_000, cli: 7, compile: 5, latency: 20_000 }
  : { ts: 3, tsWarm: 1, pred: 2, sql: 3, sqlWarm: 1, sqlBudgetMs: 240_000, rulesRows: 200_000, cli: 9, compile: 9, latency: 50_000 };

// Full mode holds every row object in memory (about 500 bytes a row) like quick mode does:
// materialising 10M rows for every run would dominate the run time. When the heap limit is too
// small for that, run again in a child process with a larger one.
if (!quick && !process.env.STAGECRAFT_BENCH_CHILD) {
  const { getHeapStatistics } = await import('node:v8');
  const neededMb = Math.ceil((N * 600) / 1e6) + 3000;
  if (getHeapStatistics().heap_size_limit / 1e6 < neededMb) {
    const child = spawnSync(process.execPath, ['--expose-gc', `--max-old-space-size=${neededMb}`, ...process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')), process.argv[1], ...args], {
      stdio: 'inherit',
      env: { ...process.env, STAGECRAFT_BENCH_CHILD: '1' },
    });
    process.exit(child.status ?? 1);
  }
}

const log = (text) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
const rows = [];
const notes = [];
const out = Object.fromEntries(JSON_KEYS.map((k) => [k, null]));
out.versions = N;

function row(label, value, extra = {}) {
  rows.push({ label, value, ...extra });
}

function missing(keys, why) {
  for (const key of keys) row(key, null, { key, why });
  notes.push(`${keys.join(', ')}: not measured — ${why}`);
}

// ---- the pieces -------------------------------------------------------------------------------

const pieces = await loadPieces();
for (const [name, p] of Object.entries(pieces)) if (!p.ok) notes.push(`piece '${name}' unavailable: ${p.why}`);
if (!pieces.schema.ok || !pieces.front.ok) {
  log('the front end is not built: nothing can be measured');
}
const schema = pieces.schema.ok ? pieces.schema.module.loadSchema(`${ROOT}schema/salesforce.json`) : null;

function check(file, source) {
  const result = pieces.front.module.checkSource(source, { file, schema });
  if (!result.definition) {
    const first = result.diagnostics.find((d) => d.severity === 'error');
    throw new Error(`${file} does not check: ${first ? `${first.code ?? ''} ${first.message}` : 'errors'}`);
  }
  return result.definition;
}

const defaultSource = defaultDefinitionSource();
if (!defaultSource.shipped) notes.push('examples/default.stages missing: the SPEC §2 example was used');
let definition = null;
let wideDefinition = null;
if (pieces.front.ok && schema) {
  try {
    definition = check(defaultSource.file, defaultSource.source);
    wideDefinition = check('wide.stages', printDefinition('Wide: 20 comparisons per criteria line', wideCriteria(schema)));
  } catch (e) {
    definition = null;
    notes.push(`the front end failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

async function evaluatorDefinitionOf(def) {
  if (pieces.ts.ok) return { evDef: await pieces.ts.module.loadCompiledDefinition(def), real: true };
  return { evDef: fallbackEvaluatorDefinition(def), real: false };
}

// ---- CLI and compiler (small, run first while the heap is empty) ------------------------------

if (runs('cli') && definition) {
  log('check_cold_ms: `node bin/stages.js check examples/default.stages` as fresh processes');
  const target = defaultSource.shipped ? 'examples/default.stages' : writeTemp('default.stages', defaultSource.source);
  const once = () => {
    const t0 = nowMs();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/stages.js'), 'check', target], { cwd: ROOT, encoding: 'utf8' });
    const ms = nowMs() - t0;
    if (r.status !== 0) throw new Error(`stages check exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
    return ms;
  };
  try {
    const s = await sample(R.cli, 2, once);
    out.check_cold_ms = round(s.median, 1);
    row('check_cold_ms', s.median, { key: 'check_cold_ms', range: [s.min, s.max], runs: s.samples.length, unit: 'ms' });
  } catch (e) {
    missing(['check_cold_ms'], e.message);
  }

  log('compile_ms_1000: parse + check + SQL (duckdb) + TypeScript back end, 1,000 comparisons');
  if (pieces.sql.ok && pieces.ts.ok) {
    const source = printDefinition('Generated: 1,000 comparisons', generatedCriteria(schema, 1000));
    const once = () => {
      const t0 = nowMs();
      const def = check('generated-1000.stages', source);
      pieces.sql.module.compileSql(def, { dialect: 'duckdb' });
      pieces.ts.module.compileTs(def);
      return nowMs() - t0;
    };
    try {
      const s = await sample(R.compile, 1, once);
      out.compile_ms_1000 = round(s.median, 1);
      row('compile_ms_1000', s.median, { key: 'compile_ms_1000', range: [s.min, s.max], runs: s.samples.length, unit: 'ms' });
    } catch (e) {
      missing(['compile_ms_1000'], e.message);
    }
  } else {
    missing(['compile_ms_1000'], 'needs both back ends built');
  }
}

if (runs('cli') && !definition) missing(['check_cold_ms', 'compile_ms_1000'], 'front end not available');

// ---- TypeScript target ------------------------------------------------------------------------

let world = null;
let tsStampCounts = null;
const sqlWanted = runs('duckdb') || runs('postgres');
const dataDir = mkdtempSync(join(tmpdir(), 'stagecraft-bench-data-'));
chmodSync(dataDir, 0o755); // a throwaway PostgreSQL server (user postgres) reads the files
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
let bigCsv = null;

const TS_KEYS = ['ts_versions_per_s', 'ts_vs_floor', 'predicates_vs_interpreter', 'ts_vs_json_rules_engine', 'upsert_p50_us', 'upsert_p99_us', 'bytes_per_journey'];
if (runs('ts') && definition && pieces.runtime.ok) {
  try {
    await tsFigures();
  } catch (e) {
    // A failure part-way keeps what was measured; the rest is null with the reason.
    const left = TS_KEYS.filter((k) => out[k] === null);
    missing(left, `TypeScript measurement failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
} else if (runs('ts')) {
  missing(TS_KEYS, !definition ? 'front end not built' : `runtime not built (${pieces.runtime.why})`);
}

async function tsFigures() {
  const { createEvaluator } = pieces.runtime.module;
  const { evDef, real } = await evaluatorDefinitionOf(definition);
  const { evDef: wideEvDef } = await evaluatorDefinitionOf(wideDefinition);
  if (!real) notes.push('compileTs not built: predicates compiled by the bench\'s stand-in (bench/lib/fallback-definition.mjs); TS figures are provisional');

  log(`generating ${N.toLocaleString('en-US')} versions`);
  world = generateWorld(N);
  const journeys = world.activations;
  notes.push(
    `dataset: ${N.toLocaleString('en-US')} rows = ${world.rows.Engagement} engagement + ${world.rows.Lead} lead + ${world.rows.Contact} contact + ${world.rows.Opportunity} opportunity versions; ` +
      `${journeys} Activation journeys, ${world.counters.opportunities} opportunities`,
  );
  let source = rowSource(world, { cache: true });

  // The json-rules-engine harness: checked against the interpreter before it is timed.
  const engines = buildRulesEngines(definition);
  const limit = Math.min(R.rulesRows, N);
  const jreCheck = await rulesEnginePass(engines, source, limit);
  const expectHits = interpretedHits(definition, source, limit);
  if (jreCheck.hits !== expectHits) notes.push(`DISAGREEMENT: json-rules-engine true ${jreCheck.hits} times, interpreter ${expectHits} (default definition)`);

  // The evaluator, the floor loop and json-rules-engine (on `limit` rows sampled evenly over the
  // stream) interleaved round by round, so the ratios compare runs made seconds apart.
  log(`evaluator, floor loop and json-rules-engine (${limit.toLocaleString('en-US')} sampled rows), interleaved`);
  let lastStamps = null;
  const ts = await rounds(R.ts, R.tsWarm, {
    floor: () => floorPass(evDef, source).ms,
    rulesEngine: async () => (await rulesEnginePass(engines, source, limit)).ms,
    // Last in its round: the evaluator kept from the last round (for stamps()) then weighs on
    // no other measurement.
    evaluator: (round) => {
      // stamps() is timed once, after the last run (it is not part of the upsert throughput).
      const r = evaluatorPass(createEvaluator, evDef, source, { withStamps: round === R.ts - 1 });
      if (r.stamps !== null) lastStamps = r;
      return r.ms;
    },
  });
  const { evaluator: ev, floor, rulesEngine: jre } = ts;
  const tsRate = N / (ev.median / 1000);
  const jreRate = limit / (jre.median / 1000);
  const vsFloor = pairedRatio(floor, ev);
  // Evaluator rate ÷ json-rules-engine rate, per round: (N / ev) / (limit / jre).
  const vsRulesEngine = pairedRatio(jre, ev, N / limit);
  out.ts_versions_per_s = Math.round(tsRate);
  out.ts_vs_floor = round(vsFloor.median, 2);
  out.ts_vs_json_rules_engine = round(vsRulesEngine.median, 1);
  tsStampCounts = stampCounts(lastStamps.evaluator.stamps());
  row('TS evaluator: upserts of all N (ms)', ev.median, { range: [ev.min, ev.max], runs: ev.samples.length });
  row('ts_versions_per_s', tsRate, { runs: ev.samples.length, unit: '/s' });
  row('floor loop: all N (ms)', floor.median, { range: [floor.min, floor.max], runs: floor.samples.length });
  row('ts_vs_floor (median of per-round ratios)', vsFloor.median, { key: 'ts_vs_floor', range: [vsFloor.min, vsFloor.max], runs: vsFloor.samples.length });
  row(`stamps() after loading (ms, ${lastStamps.stamps} rows)`, lastStamps.stampsMs, { runs: 1 });
  lastStamps = null;
  row(`json-rules-engine: ${limit} sampled rows (ms)`, jre.median, { range: [jre.min, jre.max], runs: jre.samples.length });
  row('json-rules-engine versions/s', jreRate, { unit: '/s' });
  row('ts_vs_json_rules_engine (median of per-round ratios)', vsRulesEngine.median, { key: 'ts_vs_json_rules_engine', range: [vsRulesEngine.min, vsRulesEngine.max], runs: vsRulesEngine.samples.length });

  log('compiled predicates vs interpreter (20 comparisons per criteria line), interleaved');
  let compiledHits = 0;
  let interpHits = 0;
  const pred = await rounds(R.pred, R.tsWarm, {
    compiled: () => {
      const r = compiledPredicatesPass(wideEvDef, source);
      compiledHits = r.hits;
      return r.ms;
    },
    interpreter: () => {
      const r = interpretedPredicatesPass(wideDefinition, source);
      interpHits = r.hits;
      return r.ms;
    },
  });
  const { compiled: comp, interpreter: interp } = pred;
  notes.push(compiledHits === interpHits
    ? `agreement: compiled predicates and the interpreter were true equally often (${compiledHits} of the wide definition's predicate calls)`
    : `DISAGREEMENT: compiled predicates true ${compiledHits} times, interpreter ${interpHits} times (wide definition)`);
  const vsInterpreter = pairedRatio(interp, comp);
  out.predicates_vs_interpreter = round(vsInterpreter.median, 2);
  row('compiled predicates, wide def (ms)', comp.median, { range: [comp.min, comp.max], runs: comp.samples.length });
  row('interpreter, wide def (ms)', interp.median, { range: [interp.min, interp.max], runs: interp.samples.length });
  row('predicates_vs_interpreter (median of per-round ratios)', vsInterpreter.median, { key: 'predicates_vs_interpreter', range: [vsInterpreter.min, vsInterpreter.max], runs: vsInterpreter.samples.length });

  if (runs('duckdb') && pieces.sql.ok) {
    // While the rows are materialised anyway: the same rows as CSV for the SQL engines.
    log('writing CSV files for the SQL engines (not timed)');
    bigCsv = writeCsvDataset(source.chunks(), schema, join(dataDir, 'big'));
  }

  log('retained heap and upsert latency');
  source = null; // the cached rows are garbage from here on
  gc();
  const memory = retainedHeap(createEvaluator, evDef, rowSource(world, { cache: false }), journeys);
  if (memory.bytesPerJourney === null) {
    missing(['bytes_per_journey'], 'run node with --expose-gc (npm run bench does)');
  } else {
    out.bytes_per_journey = round(memory.bytesPerJourney, 1);
    row('bytes_per_journey', memory.bytesPerJourney, { key: 'bytes_per_journey', unit: 'B', runs: 1 });
    row('retained heap, whole evaluator (MB)', memory.retainedBytes / 1e6, { runs: 1 });
  }
  const warmEvaluator = memory.evaluator ?? evaluatorPass(createEvaluator, evDef, rowSource(world, { cache: false })).evaluator;
  const latency = upsertLatency(warmEvaluator, world, R.latency, 2_000);
  out.upsert_p50_us = round(latency.p50, 2);
  out.upsert_p99_us = round(latency.p99, 2);
  row('upsert_p50_us', latency.p50, { key: 'upsert_p50_us', unit: 'µs', runs: latency.count });
  row('upsert_p99_us', latency.p99, { key: 'upsert_p99_us', unit: 'µs', runs: latency.count });
  row('upsert max (µs)', latency.max, { runs: latency.count });
  gc();
}

function stampCounts(stamps) {
  const counts = {};
  for (const s of stamps) {
    const k = `${s.object} ${s.stage} ${s.inferred}`;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

function writeTemp(name, text) {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-bench-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

// ---- SQL targets ------------------------------------------------------------------------------

if (sqlWanted && definition && pieces.sql.ok) {
  try {
    log('writing CSV files (not timed)');
    const smallFiles = writeCsvDataset(chunks(generateWorld(SCALE_N), 4096), schema, join(dataDir, 'small'));
    let bigFiles = bigCsv;
    if (runs('duckdb') && !bigFiles) {
      world ??= generateWorld(N);
      bigFiles = writeCsvDataset(chunks(world, 4096), schema, join(dataDir, 'big'));
    }
    world = null;
    gc();

    if (runs('duckdb')) await duckdbFigures(smallFiles, bigFiles);
    if (runs('postgres')) await postgresFigures(smallFiles);
  } catch (e) {
    const left = ['duckdb_versions_per_s', 'duckdb_vs_floor', 'duckdb_scaling_10x', 'postgres_versions_per_s'].filter((k) => out[k] === null);
    missing(left, `SQL measurement failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
} else if (sqlWanted) {
  missing(['duckdb_versions_per_s', 'duckdb_vs_floor', 'duckdb_scaling_10x', 'postgres_versions_per_s'], !definition ? 'front end not built' : `SQL back end not built (${pieces.sql.why})`);
}

/**
 * The views and the floor query on one loaded session, interleaved round by round (session 4;
 * until then each was timed in its own block, so a slow spell of the machine could land on one
 * side of `duckdb_vs_floor` only): `vsFloor` is the median of the per-round ratios.
 */
async function measureViews(session, dialect, label) {
  await session.exec(pieces.sql.module.compileSql(definition, { dialect }));
  // The views last in each round, so bench_out holds their rows afterwards (counted below).
  const r = await rounds(R.sql, R.sqlWarm, {
    floor: () => timeMaterialise(session, floorQuery(schema), dialect),
    views: () => timeMaterialise(session, 'SELECT * FROM stage_stamps', dialect),
  }, { budgetMs: R.sqlBudgetMs });
  const stamps = await countRows(session, 'bench_out');
  const counts = Object.fromEntries(
    (await session.query('SELECT object, stage, inferred, count(*) AS n FROM bench_out GROUP BY 1, 2, 3')).map((r) => [`${r.object} ${Number(r.stage)} ${r.inferred}`, Number(r.n)]),
  );
  const vsFloor = pairedRatio(r.views, r.floor);
  log(`${label}: views ${fmt(r.views.median)} ms, floor ${fmt(r.floor.median)} ms, ${stamps} stamps`);
  return { views: r.views, floor: r.floor, vsFloor, stamps, counts };
}

async function duckdbFigures(smallFiles, bigFiles) {
  const results = {};
  for (const [size, files, n] of [['small', smallFiles, SCALE_N], ['big', bigFiles, N]]) {
    log(`DuckDB: loading ${n.toLocaleString('en-US')} versions (not timed)`);
    const session = await openDuckDb();
    try {
      await loadTables(session, schema, files, 'duckdb');
      results[size] = await measureViews(session, 'duckdb', `DuckDB at ${n}`);
    } catch (e) {
      missing(['duckdb_versions_per_s', 'duckdb_vs_floor', 'duckdb_scaling_10x'], `DuckDB failed: ${e.message.split('\n')[0]}`);
      return;
    } finally {
      await session.close();
    }
  }
  const { small, big } = results;
  out.duckdb_versions_per_s = Math.round(N / (big.views.median / 1000));
  out.duckdb_vs_floor = round(big.vsFloor.median, 2);
  out.duckdb_scaling_10x = round(big.views.median / small.views.median, 2);
  row(`DuckDB views → stage_stamps at N (ms, ${big.stamps} rows)`, big.views.median, { range: [big.views.min, big.views.max], runs: big.views.samples.length });
  row('duckdb_versions_per_s', N / (big.views.median / 1000), { unit: '/s' });
  row('DuckDB floor query at N (ms)', big.floor.median, { range: [big.floor.min, big.floor.max], runs: big.floor.samples.length });
  row('duckdb_vs_floor (median of per-round ratios)', big.vsFloor.median, { key: 'duckdb_vs_floor', range: [big.vsFloor.min, big.vsFloor.max], runs: big.vsFloor.samples.length });
  row(`DuckDB views at N/10 (ms)`, small.views.median, { range: [small.views.min, small.views.max], runs: small.views.samples.length });
  row('duckdb_scaling_10x', big.views.median / small.views.median, { key: 'duckdb_scaling_10x' });
  if (tsStampCounts) {
    const same = JSON.stringify(sortKeys(tsStampCounts)) === JSON.stringify(sortKeys(big.counts));
    notes.push(same
      ? `agreement: the TS evaluator and the DuckDB views produced the same stamps per (object, stage, inferred) at N (${big.stamps} rows)`
      : `DISAGREEMENT: stamps per (object, stage, inferred) differ between the TS evaluator and DuckDB at N: ts ${JSON.stringify(sortKeys(tsStampCounts))} duckdb ${JSON.stringify(sortKeys(big.counts))}`);
  }
}

function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function postgresFigures(smallFiles) {
  const server = await findPostgres();
  if (server.error) {
    missing(['postgres_versions_per_s'], `no PostgreSQL: ${server.error}`);
    return;
  }
  let session = null;
  try {
    log(`PostgreSQL (${server.how}): loading ${SCALE_N.toLocaleString('en-US')} versions (not timed)`);
    session = await openPostgres(server);
    await loadTables(session, schema, smallFiles, 'postgres');
    const r = await measureViews(session, 'postgres', `PostgreSQL at ${SCALE_N}`);
    out.postgres_versions_per_s = Math.round(SCALE_N / (r.views.median / 1000));
    row(`PostgreSQL views → stage_stamps at N/10 (ms, ${r.stamps} rows)`, r.views.median, { range: [r.views.min, r.views.max], runs: r.views.samples.length });
    row('postgres_versions_per_s (N/10)', SCALE_N / (r.views.median / 1000), { unit: '/s' });
    row('PostgreSQL floor query at N/10 (ms)', r.floor.median, { range: [r.floor.min, r.floor.max], runs: r.floor.samples.length });
    notes.push(`PostgreSQL: ${server.how}`);
  } catch (e) {
    missing(['postgres_versions_per_s'], `PostgreSQL failed: ${e.message.split('\n')[0]}`);
  } finally {
    if (session) await session.close().catch(() => {});
    server.stop();
  }
}

// ---- report -----------------------------------------------------------------------------------

const mode = versionsArg ? `N = ${N.toLocaleString('en-US')}` : quick ? 'quick' : 'full';
// A row tied to a JSON key is judged on the value the JSON line reports (rounded), so the
// table and the JSON never disagree about a target.
for (const r of rows) if (r.key && out[r.key] !== null && out[r.key] !== undefined) r.judged = out[r.key];
const table = renderTable(`Stagecraft benchmarks (${mode}: N = ${N.toLocaleString('en-US')} versions, scaling point ${SCALE_N.toLocaleString('en-US')}; medians after warm-up)`, rows);
const missed = Object.keys(out).filter((k) => verdict(k, out[k]) === 'MISSED');
const summary = missed.length ? `targets missed: ${missed.join(', ')}` : 'every measured target met';
const text = [table, '', ...notes.map((n) => `- ${n}`), `- ${summary}`, ''].join('\n');
process.stdout.write(`${text}\n`);
try {
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, `bench/results/${versionsArg ? `n${N}` : quick ? 'quick' : 'full'}${only ? '-partial' : ''}.txt`), `${text}\n${JSON.stringify(out)}\n`);
} catch {
  // results are a convenience copy; stdout is the report
}
process.stdout.write(`${JSON.stringify(out)}\n`);
