/**
 * `stage_stamps` (SPEC §4.5) as CSV and JSON text, in the exact format `stages run` writes
 * (so two runs can be compared with `diff`). `stages run` itself writes through DuckDB
 * (`duckdb/write.ts`); these are the reference for rows in memory.
 */
import { compareStampRows, type StampRow } from '../runtime/stamp.js';
import { csvField } from './csv.js';

/** The seven output columns, in order. */
export const STAMP_COLUMNS = ['object', 'record_id', 'stage', 'label', 'stage_date', 'owner_id', 'inferred'] as const;

function sorted(rows: readonly StampRow[]): StampRow[] {
  return [...rows].sort(compareStampRows);
}

/**
 * CSV: header row, the seven columns, `true`/`false`, an empty cell for a null owner,
 * RFC 4180 quoting only where needed, `\n` line ends (also after the last row).
 */
export function formatStampsCsv(rows: readonly StampRow[]): string {
  const lines = [STAMP_COLUMNS.join(',')];
  for (const r of sorted(rows)) {
    lines.push(
      [r.object, csvField(r.record_id), String(r.stage), csvField(r.label), r.stage_date, r.owner_id === null ? '' : csvField(r.owner_id), String(r.inferred)].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** JSON: an array of objects with the seven keys in order, one object per line (diff-friendly). */
export function formatStampsJson(rows: readonly StampRow[]): string {
  const items = sorted(rows).map((r) => {
    const ordered: Record<(typeof STAMP_COLUMNS)[number], unknown> = {
      object: r.object,
      record_id: r.record_id,
      stage: r.stage,
      label: r.label,
      stage_date: r.stage_date,
      owner_id: r.owner_id,
      inferred: r.inferred,
    };
    return `  ${JSON.stringify(ordered)}`;
  });
  return items.length === 0 ? '[]\n' : `[\n${items.join(',\n')}\n]\n`;
}

export type OutputFormat = 'csv' | 'json' | 'parquet';

/** The output format a file name asks for, by extension (case-insensitive), or null. */
export function outputFormatFor(path: string): OutputFormat | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.parquet')) return 'parquet';
  return null;
}
