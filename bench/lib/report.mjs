/** The readable table and the closing JSON line: the keys below, in this order. */

export const JSON_KEYS = [
  'versions',
  'ts_versions_per_s',
  'ts_vs_floor',
  'ts_scaling_10x',
  'predicates_vs_interpreter',
  'ts_vs_json_rules_engine',
  'upsert_p50_us',
  'upsert_p99_us',
  'bytes_per_journey',
  'duckdb_versions_per_s',
  'duckdb_vs_floor',
  'duckdb_vs_owner_floor',
  'duckdb_vs_handwritten',
  'duckdb_scaling_10x',
  'postgres_versions_per_s',
  'run_duckdb_vs_native',
  'run_parquet_vs_native',
  'run_ts_vs_native',
  'run_peak_rss_mb',
  'run_peak_rss_mb_tenth',
  'run_scaling_10x',
  'diff_vs_run',
  'report_vs_run',
  'check_cold_ms',
  'compile_ms_1000',
  'fmt_ms_1000',
  'lsp_diagnostics_ms_1000',
  'runtime_min_gz_kb',
];

/**
 * A target: `min` = at least, `max` = at most; `notDoubling` names a key this one must stay
 * below twice of (the figure at N against the same figure at N/10).
 * @typedef {{ min?: number, max?: number, notDoubling?: string }} Target
 */

/**
 * The targets of a mode. Quick mode reports `ts_vs_json_rules_engine` and the peak RSS
 * without a target (they are judged at the full mode's 10 M versions).
 * @param {boolean} full
 * @returns {Record<string, Target>}
 */
export function targetsFor(full) {
  return {
    ts_vs_floor: { min: 0.7 },
    ts_scaling_10x: { max: 1.3 },
    predicates_vs_interpreter: { min: 2 },
    ...(full ? { ts_vs_json_rules_engine: { min: 40 } } : {}),
    upsert_p99_us: { max: 20 },
    bytes_per_journey: { max: 300 },
    duckdb_vs_owner_floor: { max: 1.3 },
    duckdb_vs_handwritten: { max: 0.5 },
    duckdb_scaling_10x: { max: 12 },
    run_duckdb_vs_native: { max: 1.3 },
    run_parquet_vs_native: { max: 1.3 },
    run_ts_vs_native: { max: 3 },
    // Not doubling is judged only where N/10 has reached the plateau of DuckDB's memory limit
    // (full mode, 1M → 10M); below it memory rightly grows with the data (docs/performance.md).
    ...(full ? { run_peak_rss_mb: { max: 1000, notDoubling: 'run_peak_rss_mb_tenth' } } : {}),
    run_scaling_10x: { max: 11 },
    diff_vs_run: { max: 2 },
    report_vs_run: { max: 1.5 },
    check_cold_ms: { max: 300 },
    compile_ms_1000: { max: 200 },
    fmt_ms_1000: { max: 50 },
    lsp_diagnostics_ms_1000: { max: 50 },
    runtime_min_gz_kb: { max: 12 },
  };
}

/**
 * @param {Target | undefined} t
 * @param {number | null | undefined} value
 * @param {Record<string, number | null>} figures every JSON figure (for `notDoubling`)
 */
export function verdict(t, value, figures) {
  if (!t) return '';
  if (value === null || value === undefined) return 'n/a';
  if (t.min !== undefined && value < t.min) return 'MISSED';
  if (t.max !== undefined && value > t.max) return 'MISSED';
  const base = t.notDoubling ? figures[t.notDoubling] : null;
  if (t.notDoubling && base !== null && base !== undefined && value >= 2 * base) return 'MISSED';
  return 'met';
}

/** @param {Target | undefined} t */
function targetText(t) {
  if (!t) return '';
  const parts = [];
  if (t.min !== undefined) parts.push(`>= ${t.min}`);
  if (t.max !== undefined) parts.push(`<= ${t.max}`);
  if (t.notDoubling) parts.push(`< 2x ${t.notDoubling.replace(/^run_peak_rss_mb_/, '')}`);
  return parts.join(', ');
}

export function fmt(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(digits)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  if (abs >= 100) return value.toFixed(0);
  return value.toFixed(digits);
}

/** Rounds for the JSON line: ratios to 2 decimals, rates and sizes to integers / 1 decimal. */
export function round(value, digits) {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * rows: { label, key?, value, range?: [min, max], runs?, unit?, note? } — `key` ties a row to a
 * JSON key (target + verdict columns).
 */
export function renderTable(title, rows, targets, figures) {
  const header = ['figure', 'median', 'min–max', 'runs', 'target', 'verdict'];
  const body = rows.map((r) => [
    r.label,
    r.value === null || r.value === undefined ? `— ${r.why ? `(${r.why})` : ''}`.trim() : `${fmt(r.value)}${r.unit ? ` ${r.unit}` : ''}`,
    r.range ? `${fmt(r.range[0])}–${fmt(r.range[1])}` : '',
    r.runs ? String(r.runs) : '',
    r.key ? targetText(targets[r.key]) : '',
    r.key ? verdict(targets[r.key], r.judged ?? r.value, figures) : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
