#!/usr/bin/env node
/**
 * `npm run bench:duckdb-variants -- FILE.sql … [--versions=N] [--rounds=R]` — try a hand-written
 * `stage_stamps` against the generated one before changing the SQL back end.
 *
 * Each FILE holds SQL that creates a view named "stage_stamps" (and may create helper views of
 * its own); it runs after the generated script of examples/default.stages, so it can read
 * stage_journeys, stage_person_candidates and the other generated views. Every view name the file
 * creates is suffixed throughout the file so the variants live side by side (which is also why a
 * variant cannot read the generated "stage_stamps" itself). On the quick dataset (N = 1,000,000 by
 * default) the floor query of `npm run bench`, the generated `stage_stamps` and every variant
 * are materialised interleaved, round by round (R = 9 by default, after a warm-up), and the
 * medians are printed with the median of the per-round ratios to the floor, the CPU time of
 * the process and the minor page faults per run — fresh memory is a large and variable part of a
 * run (docs/performance.md, "What dominates each cost"). A variant whose rows differ from the generated ones (an
 * order-independent hash over all seven columns) is marked WRONG: faster but wrong is no option.
 *
 * bench/variants/ holds an example variant.
 */
import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import { loadedDuckDb } from './lib/duckdb-loaded.mjs';
import { floorQuery, timeMaterialise } from './lib/sql-bench.mjs';
import { median, pairedRatio, rounds } from './lib/stats.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found === undefined ? fallback : Number(found.slice(name.length + 3));
};
const N = option('versions', 1_000_000);
const ROUNDS = option('rounds', 9);
const files = args.filter((a) => !a.startsWith('--'));
if (files.length === 0 || !(ROUNDS >= 1) || !(N >= 1)) {
  console.error('usage: npm run bench:duckdb-variants -- FILE.sql … [--versions=N] [--rounds=R]  (N, R >= 1)');
  process.exit(2);
}

/**
 * The variant's own view names get a suffix; references to the generated views stay. Only
 * quoted names are recognised, so a file must create `"stage_stamps"` quoted (an unquoted one
 * would silently replace the generated view everyone is compared with).
 */
function suffixed(sql, n, path) {
  const own = [...sql.matchAll(/CREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+"([^"]+)"/gi)].map((m) => m[1]);
  if (!own.includes('stage_stamps')) {
    console.error(`${path}: creates no view "stage_stamps" (quoted); nothing to compare`);
    process.exit(2);
  }
  return own.reduce((text, name) => text.replaceAll(`"${name}"`, `"${name}_v${n}"`), sql);
}
const variants = files.map((path, n) => ({ path, sql: suffixed(readFileSync(path, 'utf8'), n, path) }));

const ROW_HASH = (relation) =>
  `SELECT count(*)::VARCHAR AS n, sum(hash(object, record_id, stage, label, stage_date, owner_id, inferred))::VARCHAR AS h FROM ${relation}`;

const { session, schema, close } = await loadedDuckDb(N);
try {
  const entries = [
    { label: 'floor query', query: floorQuery(schema) },
    { label: 'generated stage_stamps', query: 'SELECT * FROM "stage_stamps"', relation: '"stage_stamps"' },
  ];
  for (const [n, { path, sql }] of variants.entries()) {
    await session.exec(sql);
    entries.push({ label: `${n + 1}: ${basename(path)}`, query: `SELECT * FROM "stage_stamps_v${n}"`, relation: `"stage_stamps_v${n}"` });
  }
  // The rounds of `npm run bench` (warm-up, interleaving, GC when exposed); CPU and page faults
  // of each recorded run are kept beside the milliseconds it returns.
  const extra = entries.map(() => ({ cpu: /** @type {number[]} */ ([]), faults: /** @type {number[]} */ ([]) }));
  const measured = await rounds(ROUNDS, 1, Object.fromEntries(entries.map((entry, i) => [i, async (round) => {
    const faults0 = process.resourceUsage().minorPageFault;
    const cpu0 = process.cpuUsage();
    const ms = await timeMaterialise(session, entry.query);
    const cpu = process.cpuUsage(cpu0);
    if (round >= 0) {
      extra[i].cpu.push((cpu.user + cpu.system) / 1000);
      extra[i].faults.push(process.resourceUsage().minorPageFault - faults0);
    }
    return ms;
  }])));
  const expected = (await session.query(ROW_HASH('"stage_stamps"')))[0];
  console.log(`DuckDB, N = ${N.toLocaleString('en-US')} versions (medians of ${ROUNDS} interleaved rounds after a warm-up)`);
  console.log(`${'query'.padEnd(34)} ${'ms'.padStart(8)} ${'min–max'.padStart(11)} ${'× floor'.padStart(8)} ${'cpu ms'.padStart(7)} ${'faults'.padStart(7)}  rows`);
  for (const [i, entry] of entries.entries()) {
    const ms = measured[i];
    const vsFloor = i === 0 ? 1 : pairedRatio(ms, measured[0]).median;
    let rows = '';
    if (entry.relation === '"stage_stamps"') {
      rows = `${expected.n} (the reference)`;
    } else if (entry.relation !== undefined) {
      const got = (await session.query(ROW_HASH(entry.relation)))[0];
      // Equal on this dataset only: a variant wrong on data this dataset lacks passes.
      rows = got.n === expected.n && got.h === expected.h ? `${got.n} (same as generated, on this data)` : `${got.n} WRONG: differ from the generated rows`;
    }
    const range = `${ms.min.toFixed(0)}–${ms.max.toFixed(0)}`;
    console.log(
      `${entry.label.padEnd(34)} ${ms.median.toFixed(1).padStart(8)} ${range.padStart(11)} ${vsFloor.toFixed(2).padStart(8)} ${median(extra[i].cpu).toFixed(0).padStart(7)} ${String(median(extra[i].faults)).padStart(7)}  ${rows}`,
    );
  }
} finally {
  await close();
}
