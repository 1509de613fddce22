/** The readable table and the closing JSON line (exactly the keys of issue 6). */

export const JSON_KEYS = [
  'versions',
  'ts_versions_per_s',
  'ts_vs_floor',
  'predicates_vs_interpreter',
  'ts_vs_json_rules_engine',
  'upsert_p50_us',
  'upsert_p99_us',
  'bytes_per_journey',
  'duckdb_versions_per_s',
  'duckdb_vs_floor',
  'duckdb_scaling_10x',
  'postgres_versions_per_s',
  'check_cold_ms',
  'compile_ms_1000',
];

/** Targets of issue 6: `min` = at least, `max` = at most. */
export const TARGETS = {
  ts_vs_json_rules_engine: { min: 40 },
  predicates_vs_interpreter: { min: 2 },
  ts_vs_floor: { min: 0.5 },
  upsert_p99_us: { max: 20 },
  bytes_per_journey: { max: 300 },
  duckdb_vs_floor: { max: 2.5 },
  duckdb_scaling_10x: { max: 12 },
  check_cold_ms: { max: 300 },
  compile_ms_1000: { max: 200 },
};

export function verdict(key, value) {
  const t = TARGETS[key];
  if (!t) return '';
  if (value === null || value === undefined) return 'n/a';
  if (t.min !== undefined) return value >= t.min ? 'met' : 'MISSED';
  return value <= t.max ? 'met' : 'MISSED';
}

function targetText(key) {
  const t = TARGETS[key];
  if (!t) return '';
  return t.min !== undefined ? `>= ${t.min}` : `<= ${t.max}`;
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
export function renderTable(title, rows) {
  const header = ['figure', 'median', 'min–max', 'runs', 'target', 'verdict'];
  const body = rows.map((r) => [
    r.label,
    r.value === null || r.value === undefined ? `— ${r.why ? `(${r.why})` : ''}`.trim() : `${fmt(r.value)}${r.unit ? ` ${r.unit}` : ''}`,
    r.range ? `${fmt(r.range[0])}–${fmt(r.range[1])}` : '',
    r.runs ? String(r.runs) : '',
    r.key ? targetText(r.key) : '',
    r.key ? verdict(r.key, r.judged ?? r.value) : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
