#!/usr/bin/env node
/**
 * `npm run bench [-- --quick]` — Stagecraft against its peers, against the physical floor and
 * against a native DuckDB pipeline. Runs on `dist/` (the npm script builds first) with
 * `--expose-gc`.
 *
 *   --quick        N = 1,000,000 versions, scaling point 100,000 (target: < 3 minutes on 2 cores)
 *   (default)      N = 10,000,000 versions, scaling point 1,000,000
 *   --versions=N   any other N (scaling point N/10)
 *   --only=a,b     run only some groups: cli, ts, duckdb, postgres, run (development aid)
 *
 * Prints a readable table, then as its LAST line one JSON object with the keys of
 * bench/lib/report.mjs (a figure that could not be measured is null and the table says why).
 * Method and figures: docs/performance.md.
 */
import { mkdtempSync, chmodSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT, DEFAULT_DEFINITION, defaultDefinitionSource, wideCriteria, generatedCriteria, printDefinition } from './lib/definitions.mjs';
import { schema, checkDefinition as check, sqlBackEnd, tsBackEnd, runtime } from './lib/project.mjs';
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
import { writeCsvDataset } from './lib/csv.mjs';
import { openDuckDb, findPostgres, openPostgres } from './lib/sessions.mjs';
import { loadTables, floorQuery, timeMaterialise, countRows } from './lib/sql-bench.mjs';
import { measureEndToEnd, writeParquetDataset } from './lib/end-to-end.mjs';
import { RSS_METHOD } from './lib/processes.mjs';
import { JSON_KEYS, targetsFor, renderTable, round, verdict, fmt } from './lib/report.mjs';

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
// The end-to-end group (fresh processes) likewise stops at its budget after one measured round.
const R = quick
  ? { ts: 7, tsWarm: 1, pred: 3, sql: 7, sqlWarm: 1, sqlBudgetMs: 25_000, rulesRows: 50_000, cli: 7, compile: 5, latency: 20_000, run: 5, runBudgetMs: 40_000 }
  : { ts: 3, tsWarm: 1, pred: 2, sql: 3, sqlWarm: 1, sqlBudgetMs: 240_000, rulesRows: 200_000, cli: 9, compile: 9, latency: 50_000, run: 3, runBudgetMs: 600_000 };
const full = !quick && !versionsArg;
const TARGETS = targetsFor(full);

// Full mode holds every row object in memory (about 500 bytes a row) like quick mode does:
// materialising 10M rows for every run would dominate the run time. When the heap limit is too
// small for that, run again in a child process with a larger one.
if (!quick && !process.env.STAGECRAFT_BENCH_CHILD) {
  const { getHeapStatistics } = await import('node:v8');
  const neededMb = Math.ceil((N * 1.1 * 600) / 1e6) + 3000; // N rows and the N/10 scaling point
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
/** @type {Record<string, number | null>} */
const out = Object.fromEntries(JSON_KEYS.map((k) => [k, null]));
out.versions = N;

function row(label, value, extra = {}) {
  rows.push({ label, value, ...extra });
}

function missing(keys, why) {
  for (const key of keys) row(key, null, { key, why });
  notes.push(`${keys.join(', ')}: not measured — ${why}`);
}

// ---- the definitions -------------------------------------------------------------------------

const defaultSource = defaultDefinitionSource();
const definition = check(defaultSource.file, defaultSource.source);
const wideDefinition = check('wide.stages', printDefinition('Wide: 20 comparisons per criteria line', wideCriteria(schema)));

// ---- CLI and compiler (small, run first while the heap is empty) ------------------------------

if (runs('cli')) {
  log('check_cold_ms: `node bin/stages.js check examples/default.stages` as fresh processes');
  const once = () => {
    const t0 = nowMs();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/stages.js'), 'check', DEFAULT_DEFINITION], { cwd: ROOT, encoding: 'utf8' });
    const ms = nowMs() - t0;
    if (r.status !== 0) throw new Error(`stages check exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
    return ms;
  };
  await sampledFigure('check_cold_ms', R.cli, 2, once);

  log('compile_ms_1000: parse + check + SQL (duckdb) + TypeScript back end, 1,000 comparisons');
  const source = printDefinition('Generated: 1,000 comparisons', generatedCriteria(schema, 1000));
  const compileOnce = () => {
    const t0 = nowMs();
    const def = check('generated-1000.stages', source);
    sqlBackEnd.compileSql(def, { dialect: 'duckdb' });
    tsBackEnd.compileTs(def);
    return nowMs() - t0;
  };
  await sampledFigure('compile_ms_1000', R.compile, 1, compileOnce);

  log('fmt_ms_1000 and lsp_diagnostics_ms_1000: the same definition formatted, and re-checked by `stages lsp`');
  const { formatOnce, openLanguageServer } = await import('./lib/editor-bench.mjs');
  await sampledFigure('fmt_ms_1000', R.compile, 1, () => formatOnce(source));
  try {
    const lsp = await openLanguageServer(source);
    try {
      await sampledFigure('lsp_diagnostics_ms_1000', R.compile, 2, () => lsp.changeOnce());
    } finally {
      await lsp.close();
    }
  } catch (e) {
    missing(['lsp_diagnostics_ms_1000'], errorText(e));
  }

  log('runtime_min_gz_kb: @stagecraft/runtime bundled for a browser, minified and gzipped');
  const { runtimeMinGzKb } = await import('./lib/runtime-size.mjs');
  out.runtime_min_gz_kb = round(await runtimeMinGzKb(ROOT), 1);
  row('runtime_min_gz_kb (@stagecraft/runtime, esbuild --minify, gzip -9)', out.runtime_min_gz_kb, { key: 'runtime_min_gz_kb', unit: 'kB' });
}

/**
 * One figure in milliseconds: the median of `count` runs of `once` after `warmup`.
 * @param {string} key
 * @param {number} count
 * @param {number} warmup
 * @param {() => number | Promise<number>} once
 */
async function sampledFigure(key, count, warmup, once) {
  try {
    const s = await sample(count, warmup, once);
    out[key] = round(s.median, 1);
    row(key, s.median, { key, range: [s.min, s.max], runs: s.samples.length, unit: 'ms' });
  } catch (e) {
    missing([key], errorText(e));
  }
}

// ---- TypeScript target ------------------------------------------------------------------------

let tsStampCounts = null;
const dataDir = mkdtempSync(join(tmpdir(), 'stagecraft-bench-data-'));
chmodSync(dataDir, 0o755); // a throwaway PostgreSQL server (user postgres) reads the files
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));

/**
 * The two datasets: `big` (N rows) and `tenth` (N/10, generated separately), each generated
 * once and written once as the CSV files of SPEC §3 (dataDir/big, dataDir/tenth) that the SQL
 * engines load and `stages run` reads.
 * @typedef {'big' | 'tenth'} Size
 */
/** @type {Record<Size, ReturnType<typeof generateWorld> | null>} */
const worlds = { big: null, tenth: null };
/** @type {Record<Size, Record<string, string> | null>} */
const csvFiles = { big: null, tenth: null };
const sizeOf = (/** @type {Size} */ size) => (size === 'big' ? N : SCALE_N);
function worldOf(/** @type {Size} */ size) {
  worlds[size] ??= generateWorld(sizeOf(size));
  return worlds[size];
}
/**
 * @param {Size} size
 * @param {Iterable<{ objects: string[], rows: any[] }>} [rowChunks] rows already materialised
 */
function csvOf(size, rowChunks) {
  if (!csvFiles[size]) {
    log(`writing the ${sizeOf(size).toLocaleString('en-US')}-version CSV files (not timed)`);
    csvFiles[size] = writeCsvDataset(rowChunks ?? chunks(worldOf(size), 4096), schema, join(dataDir, size));
  }
  return csvFiles[size];
}
const csvWanted = runs('duckdb') || runs('postgres') || runs('run');

const TS_KEYS = ['ts_versions_per_s', 'ts_vs_floor', 'ts_scaling_10x', 'predicates_vs_interpreter', 'ts_vs_json_rules_engine', 'upsert_p50_us', 'upsert_p99_us', 'bytes_per_journey'];
if (runs('ts')) {
  try {
    await tsFigures();
  } catch (e) {
    // A failure part-way keeps what was measured; the rest is null with the reason.
    const left = TS_KEYS.filter((k) => out[k] === null);
    missing(left, `TypeScript measurement failed: ${errorText(e)}`);
  }
}

async function tsFigures() {
  const { createEvaluator } = runtime;
  const evDef = await tsBackEnd.loadCompiledDefinition(definition);
  const wideEvDef = await tsBackEnd.loadCompiledDefinition(wideDefinition);

  log(`generating ${N.toLocaleString('en-US')} and ${SCALE_N.toLocaleString('en-US')} versions`);
  const world = worldOf('big');
  /** @type {ReturnType<typeof rowSource> | null} */
  let tenthSource = rowSource(worldOf('tenth'), { cache: true });
  const journeys = world.activations;
  notes.push(
    `dataset: ${N.toLocaleString('en-US')} rows = ${world.rows.Engagement} engagement + ${world.rows.Lead} lead + ${world.rows.Contact} contact + ${world.rows.Opportunity} opportunity versions; ` +
      `${journeys} Activation journeys, ${world.counters.opportunities} opportunities`,
  );
  /** @type {ReturnType<typeof rowSource> | null} */
  let source = rowSource(world, { cache: true });

  // The json-rules-engine harness: checked against the interpreter before it is timed.
  const engines = buildRulesEngines(definition);
  const limit = Math.min(R.rulesRows, N);
  const jreCheck = await rulesEnginePass(engines, source, limit);
  const expectHits = interpretedHits(definition, source, limit);
  if (jreCheck.hits !== expectHits) notes.push(`DISAGREEMENT: json-rules-engine true ${jreCheck.hits} times, interpreter ${expectHits} (default definition)`);

  // The evaluator at N and at N/10, the floor loop and json-rules-engine (on `limit` rows
  // sampled evenly over the stream) interleaved round by round, so the ratios compare runs made
  // seconds apart.
  log(`evaluator (N and N/10), floor loop and json-rules-engine (${limit.toLocaleString('en-US')} sampled rows), interleaved`);
  /** @type {any} */
  let lastStamps = null;
  const ts = await rounds(R.ts, R.tsWarm, {
    floor: () => floorPass(evDef, source).ms,
    rulesEngine: async () => (await rulesEnginePass(engines, source, limit)).ms,
    evaluatorTenth: () => evaluatorPass(createEvaluator, evDef, tenthSource, { withStamps: false }).ms,
    // Last in its round: the evaluator kept from the last round (for stamps()) then weighs on
    // no other measurement.
    evaluator: (round) => {
      // stamps() is timed once, after the last run (it is not part of the upsert throughput).
      const r = evaluatorPass(createEvaluator, evDef, source, { withStamps: round === R.ts - 1 });
      if (r.stamps !== null) lastStamps = r;
      return r.ms;
    },
  });
  const { evaluator: ev, floor, rulesEngine: jre, evaluatorTenth: evTenth } = ts;
  const tsRate = N / (ev.median / 1000);
  const jreRate = limit / (jre.median / 1000);
  const vsFloor = pairedRatio(floor, ev);
  // Evaluator rate ÷ json-rules-engine rate, per round: (N / ev) / (limit / jre).
  const vsRulesEngine = pairedRatio(jre, ev, N / limit);
  // Throughput at N/10 ÷ at N, per round: (SCALE_N / evTenth) / (N / ev).
  const scaling = pairedRatio(ev, evTenth, SCALE_N / N);
  out.ts_scaling_10x = round(scaling.median, 2);
  out.ts_versions_per_s = Math.round(tsRate);
  out.ts_vs_floor = round(vsFloor.median, 2);
  out.ts_vs_json_rules_engine = round(vsRulesEngine.median, 1);
  tsStampCounts = stampCounts(lastStamps.evaluator.stamps());
  row('TS evaluator: upserts of all N (ms)', ev.median, { range: [ev.min, ev.max], runs: ev.samples.length });
  row('ts_versions_per_s', tsRate, { runs: ev.samples.length, unit: '/s' });
  row('floor loop: all N (ms)', floor.median, { range: [floor.min, floor.max], runs: floor.samples.length });
  row('ts_vs_floor (median of per-round ratios)', vsFloor.median, { key: 'ts_vs_floor', range: [vsFloor.min, vsFloor.max], runs: vsFloor.samples.length });
  row('TS evaluator: upserts of all N/10 (ms)', evTenth.median, { range: [evTenth.min, evTenth.max], runs: evTenth.samples.length });
  row('ts_scaling_10x (throughput at N/10 ÷ at N)', scaling.median, { key: 'ts_scaling_10x', range: [scaling.min, scaling.max], runs: scaling.samples.length });
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

  if (csvWanted) {
    // While the rows are materialised anyway: the same rows as CSV for the SQL engines and the CLI.
    csvOf('big', source.chunks());
    csvOf('tenth', tenthSource.chunks());
  }
  tenthSource = null;

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

// ---- SQL targets ------------------------------------------------------------------------------

const DUCKDB_KEYS = ['duckdb_versions_per_s', 'duckdb_vs_floor', 'duckdb_vs_owner_floor', 'duckdb_vs_handwritten', 'duckdb_scaling_10x'];
/** Hand-written SQL for the default definition (bench/sql/), each a query over the four tables. */
const sqlFile = (/** @type {string} */ name) => readFileSync(join(ROOT, 'bench/sql', name), 'utf8').trim();

if (runs('duckdb') || runs('postgres')) {
  const tenthFiles = csvOf('tenth');
  const bigFiles = runs('duckdb') ? csvOf('big') : null;
  worlds.big = null;
  worlds.tenth = null;
  gc();
  if (bigFiles) {
    try {
      await duckdbFigures(tenthFiles, bigFiles);
    } catch (e) {
      missing(DUCKDB_KEYS.filter((k) => out[k] === null), `DuckDB failed: ${errorText(e)}`);
    }
  }
  if (runs('postgres')) await postgresFigures(tenthFiles);
}

/**
 * The views against the floor query — and, with `extra`, against other queries — on one
 * loaded session, interleaved round by round; ratios are medians of the per-round ratios.
 * @param {import('./lib/sessions.mjs').Session} session
 * @param {'duckdb' | 'postgres'} dialect
 * @param {string} label
 * @param {Record<string, string>} [extra] name → query, measured in the same rounds
 */
async function measureViews(session, dialect, label, extra = {}) {
  await session.exec(sqlBackEnd.compileSql(definition, { dialect }));
  /** @type {Record<string, () => Promise<number>>} */
  const measurements = { floor: () => timeMaterialise(session, floorQuery(schema)) };
  for (const [name, query] of Object.entries(extra)) measurements[name] = () => timeMaterialise(session, query);
  // The views last in each round, so bench_out holds their rows afterwards (counted below).
  measurements.views = () => timeMaterialise(session, 'SELECT * FROM stage_stamps');
  const r = await rounds(R.sql, R.sqlWarm, measurements, { budgetMs: R.sqlBudgetMs });
  const stamps = await countRows(session, 'bench_out');
  const counts = Object.fromEntries(
    (await session.query('SELECT object, stage, inferred, count(*) AS n FROM bench_out GROUP BY 1, 2, 3')).map((r) => [`${r.object} ${Number(r.stage)} ${r.inferred}`, Number(r.n)]),
  );
  log(`${label}: views ${fmt(r.views.median)} ms, floor ${fmt(r.floor.median)} ms, ${stamps} stamps`);
  return { r, vsFloor: pairedRatio(r.views, r.floor), stamps, counts };
}

/**
 * Fails loudly unless the hand-written `stage_stamps` (view `bench_handwritten`) has exactly the
 * generated views' rows (as multisets).
 * @param {import('./lib/sessions.mjs').Session} session
 */
async function checkHandwritten(session) {
  const differ = async (/** @type {string} */ a, /** @type {string} */ b) => countRows(session, `(SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) AS d`);
  const onlyViews = await differ('stage_stamps', 'bench_handwritten');
  const onlyHand = await differ('bench_handwritten', 'stage_stamps');
  if (onlyViews || onlyHand) {
    process.exitCode = 1;
    throw new Error(`DISAGREEMENT: bench/sql/handwritten-stage-stamps.sql and the generated views differ (${onlyViews} rows only in the views, ${onlyHand} only in the hand-written SQL)`);
  }
}

/**
 * @param {Record<string, string>} tenthFiles
 * @param {Record<string, string>} bigFiles
 */
async function duckdbFigures(tenthFiles, bigFiles) {
  /** @type {Record<string, Awaited<ReturnType<typeof measureViews>>>} */
  const results = {};
  for (const [size, files, n] of /** @type {const} */ ([['tenth', tenthFiles, SCALE_N], ['big', bigFiles, N]])) {
    log(`DuckDB: loading ${n.toLocaleString('en-US')} versions (not timed)`);
    const session = await openDuckDb();
    try {
      await loadTables(session, schema, files, 'duckdb');
      /** @type {Record<string, string>} */
      let extra = {};
      if (size === 'big') {
        await session.exec(sqlBackEnd.compileSql(definition, { dialect: 'duckdb' }));
        await session.exec(`CREATE VIEW bench_handwritten AS ${sqlFile('handwritten-stage-stamps.sql')}`);
        await checkHandwritten(session);
        notes.push(`agreement: bench/sql/handwritten-stage-stamps.sql gives exactly the rows of the generated stage_stamps at N`);
        extra = { ownerFloor: sqlFile('owner-floor.sql'), handwritten: 'SELECT * FROM bench_handwritten' };
      }
      results[size] = await measureViews(session, 'duckdb', `DuckDB at ${n}`, extra);
    } finally {
      await session.close();
    }
  }
  const { tenth, big } = results;
  const { views, floor, ownerFloor, handwritten } = big.r;
  const vsOwnerFloor = pairedRatio(views, ownerFloor);
  const vsHandwritten = pairedRatio(views, handwritten);
  out.duckdb_versions_per_s = Math.round(N / (views.median / 1000));
  out.duckdb_vs_floor = round(big.vsFloor.median, 2);
  out.duckdb_vs_owner_floor = round(vsOwnerFloor.median, 2);
  out.duckdb_vs_handwritten = round(vsHandwritten.median, 2);
  out.duckdb_scaling_10x = round(views.median / tenth.r.views.median, 2);
  row(`DuckDB views → stage_stamps at N (ms, ${big.stamps} rows)`, views.median, { range: [views.min, views.max], runs: views.samples.length });
  row('duckdb_versions_per_s', N / (views.median / 1000), { unit: '/s' });
  row('DuckDB floor query at N (ms)', floor.median, { range: [floor.min, floor.max], runs: floor.samples.length });
  row('duckdb_vs_floor (median of per-round ratios)', big.vsFloor.median, { key: 'duckdb_vs_floor', range: [big.vsFloor.min, big.vsFloor.max], runs: big.vsFloor.samples.length });
  row('DuckDB owner floor at N (ms)', ownerFloor.median, { range: [ownerFloor.min, ownerFloor.max], runs: ownerFloor.samples.length });
  row('duckdb_vs_owner_floor (median of per-round ratios)', vsOwnerFloor.median, { key: 'duckdb_vs_owner_floor', range: [vsOwnerFloor.min, vsOwnerFloor.max], runs: vsOwnerFloor.samples.length });
  row('DuckDB hand-written stage_stamps at N (ms)', handwritten.median, { range: [handwritten.min, handwritten.max], runs: handwritten.samples.length });
  row('duckdb_vs_handwritten (median of per-round ratios)', vsHandwritten.median, { key: 'duckdb_vs_handwritten', range: [vsHandwritten.min, vsHandwritten.max], runs: vsHandwritten.samples.length });
  row(`DuckDB views at N/10 (ms)`, tenth.r.views.median, { range: [tenth.r.views.min, tenth.r.views.max], runs: tenth.r.views.samples.length });
  row('duckdb_scaling_10x', views.median / tenth.r.views.median, { key: 'duckdb_scaling_10x' });
  if (tsStampCounts) {
    const same = JSON.stringify(sortKeys(tsStampCounts)) === JSON.stringify(sortKeys(big.counts));
    notes.push(same
      ? `agreement: the TS evaluator and the DuckDB views produced the same stamps per (object, stage, inferred) at N (${big.stamps} rows)`
      : `DISAGREEMENT: stamps per (object, stage, inferred) differ between the TS evaluator and DuckDB at N: ts ${JSON.stringify(sortKeys(tsStampCounts))} duckdb ${JSON.stringify(sortKeys(big.counts))}`);
    if (!same) process.exitCode = 1;
  }
}

/** @param {Record<string, number>} o */
function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** @param {Record<string, string>} tenthFiles */
async function postgresFigures(tenthFiles) {
  const server = await findPostgres();
  if (server.error) {
    missing(['postgres_versions_per_s'], `no PostgreSQL: ${server.error}`);
    return;
  }
  let session = null;
  try {
    log(`PostgreSQL (${server.how}): loading ${SCALE_N.toLocaleString('en-US')} versions (not timed)`);
    session = await openPostgres(server);
    await loadTables(session, schema, tenthFiles, 'postgres');
    const { r } = await measureViews(session, 'postgres', `PostgreSQL at ${SCALE_N}`);
    out.postgres_versions_per_s = Math.round(SCALE_N / (r.views.median / 1000));
    row(`PostgreSQL views → stage_stamps at N/10 (ms)`, r.views.median, { range: [r.views.min, r.views.max], runs: r.views.samples.length });
    row('postgres_versions_per_s (N/10)', SCALE_N / (r.views.median / 1000), { unit: '/s' });
    row('PostgreSQL floor query at N/10 (ms)', r.floor.median, { range: [r.floor.min, r.floor.max], runs: r.floor.samples.length });
    notes.push(`PostgreSQL: ${server.how}`);
  } catch (e) {
    missing(['postgres_versions_per_s'], `PostgreSQL failed: ${errorText(e)}`);
  } finally {
    if (session) await session.close().catch(() => {});
    server.stop?.();
  }
}

// ---- end to end: `stages run` as a process -----------------------------------------------------

const RUN_KEYS = ['run_duckdb_vs_native', 'run_parquet_vs_native', 'run_ts_vs_native', 'run_peak_rss_mb', 'run_peak_rss_mb_tenth', 'run_scaling_10x', 'diff_vs_run', 'report_vs_run'];
if (runs('run')) {
  try {
    await runFigures();
  } catch (e) {
    missing(RUN_KEYS.filter((k) => out[k] === null), `end-to-end measurement failed: ${errorText(e)}`);
  }
}

async function runFigures() {
  const big = csvOf('big');
  const tenth = csvOf('tenth');
  worlds.big = null;
  worlds.tenth = null;
  gc();
  log('writing the N-version Parquet files (DuckDB COPY, not timed)');
  const parquetDir = await writeParquetDataset(schema, big, join(dataDir, 'parquet'));
  const scratch = join(dataDir, 'run');
  mkdirSync(scratch, { recursive: true });
  const dirOf = (/** @type {Record<string, string>} */ files) => join(files.Engagement, '..');
  const e = await measureEndToEnd({
    definitionFile: DEFAULT_DEFINITION,
    csvDir: dirOf(big),
    parquetDir,
    tenthCsvDir: dirOf(tenth),
    scratch,
    count: R.run,
    budgetMs: R.runBudgetMs,
    log,
  });
  const vsNative = pairedRatio(e.cliCsv, e.nativeCsv);
  const quietVsNative = pairedRatio(e.cliCsvQuiet, e.nativeCsv);
  const parquetVsNative = pairedRatio(e.cliParquet, e.nativeParquet);
  const tsVsNative = pairedRatio(e.cliTs, e.nativeCsv);
  const scaling = pairedRatio(e.cliCsv, e.cliTenth);
  const diffVsRun = pairedRatio(e.cliDiff, e.cliCsv);
  out.diff_vs_run = round(diffVsRun.median, 2);
  const reportVsRun = pairedRatio(e.cliReport, e.cliCsv);
  out.report_vs_run = round(reportVsRun.median, 2);
  out.run_duckdb_vs_native = round(vsNative.median, 2);
  out.run_parquet_vs_native = round(parquetVsNative.median, 2);
  out.run_ts_vs_native = round(tsVsNative.median, 2);
  out.run_scaling_10x = round(scaling.median, 2);
  out.run_peak_rss_mb = round(e.peakRssMb, 1);
  out.run_peak_rss_mb_tenth = round(e.peakRssMbTenth, 1);
  /** @param {string} label @param {{ median: number, min: number, max: number, samples: number[] }} s @param {object} [extra] */
  const timeRow = (label, s, extra = {}) => row(label, s.median, { range: [s.min, s.max], runs: s.samples.length, ...extra });
  timeRow('`stages run` CSV at N (ms)', e.cliCsv, { unit: 'ms' });
  timeRow('native DuckDB pipeline, CSV at N (ms)', e.nativeCsv, { unit: 'ms' });
  timeRow('run_duckdb_vs_native (median of per-round ratios)', vsNative, { key: 'run_duckdb_vs_native' });
  timeRow('`stages run --quiet` CSV at N (ms)', e.cliCsvQuiet, { unit: 'ms' });
  timeRow('the same with --quiet ÷ native (no summary)', quietVsNative);
  timeRow('`stages run` Parquet at N (ms)', e.cliParquet, { unit: 'ms' });
  timeRow('native DuckDB pipeline, Parquet at N (ms)', e.nativeParquet, { unit: 'ms' });
  timeRow('run_parquet_vs_native (median of per-round ratios)', parquetVsNative, { key: 'run_parquet_vs_native' });
  timeRow('`stages run --engine ts` CSV at N (ms)', e.cliTs, { unit: 'ms' });
  timeRow('run_ts_vs_native (÷ the native CSV pipeline)', tsVsNative, { key: 'run_ts_vs_native' });
  timeRow('`stages run` CSV at N/10 (ms)', e.cliTenth, { unit: 'ms' });
  timeRow('run_scaling_10x (median of per-round ratios)', scaling, { key: 'run_scaling_10x' });
  timeRow('`stages diff` (a one-line edit) at N (ms)', e.cliDiff, { unit: 'ms' });
  timeRow('diff_vs_run (÷ `stages run` CSV, per round)', diffVsRun, { key: 'diff_vs_run' });
  timeRow('`stages report` (JSON) at N (ms)', e.cliReport, { unit: 'ms' });
  timeRow('report_vs_run (÷ `stages run` CSV, per round)', reportVsRun, { key: 'report_vs_run' });
  row('run_peak_rss_mb (`stages run` at N, highest run)', e.peakRssMb, { key: 'run_peak_rss_mb', unit: 'MB', runs: e.cliCsv.samples.length });
  row('run_peak_rss_mb_tenth (at N/10)', e.peakRssMbTenth, { key: 'run_peak_rss_mb_tenth', unit: 'MB', runs: e.cliTenth.samples.length });
  notes.push(`end to end: peak RSS by ${RSS_METHOD === 'gnu-time' ? '/usr/bin/time -f %M (the child\'s ru_maxrss)' : 'polling /proc/PID/status VmHWM every 10 ms'}`);
  const { identical } = e;
  const differing = Object.entries({
    '`stages run` (CSV)': identical.csv,
    '`stages run --quiet` (CSV)': identical.csvQuiet,
    'the native Parquet pipeline': identical.nativeParquet,
    '`stages run` (Parquet)': identical.cliParquet,
    '`stages run --engine ts`': identical.cliTs,
  }).filter(([, same]) => !same).map(([name]) => name);
  if (differing.length === 0) {
    notes.push('agreement: `stages run` (CSV with and without --quiet, Parquet, --engine ts) and the native pipelines wrote byte-identical CSV files at N');
  } else {
    process.exitCode = 1;
    notes.push(`DISAGREEMENT: not byte-identical to the native CSV pipeline's output at N: ${differing.join(', ')}`);
  }
}

// ---- report -----------------------------------------------------------------------------------

rmSync(dataDir, { recursive: true, force: true });
/** @param {unknown} e */
function errorText(e) {
  return e instanceof Error ? e.message.split('\n')[0] : String(e);
}

const mode = versionsArg ? `N = ${N.toLocaleString('en-US')}` : quick ? 'quick' : 'full';
// A row tied to a JSON key is judged on the value the JSON line reports (rounded), so the
// table and the JSON never disagree about a target.
for (const r of rows) if (r.key && out[r.key] !== null && out[r.key] !== undefined) r.judged = out[r.key];
const table = renderTable(`Stagecraft benchmarks (${mode}: N = ${N.toLocaleString('en-US')} versions, scaling point ${SCALE_N.toLocaleString('en-US')}; medians after warm-up)`, rows, TARGETS, out);
const missed = Object.keys(out).filter((k) => verdict(TARGETS[k], out[k], out) === 'MISSED');
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
