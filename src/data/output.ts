/**
 * `stage_stamps` (SPEC §4.5) as CSV and JSON text, in the exact format `stages run` writes
 * (so two runs can be compared with `diff`), and an atomic file write. `stages run` itself
 * writes through DuckDB (`duckdb/write.ts`); these are the reference for rows in memory.
 */
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { compareStampRows, type StampRow } from '../runtime/stamp.js';
import { csvField } from './csv.js';
import { temporaryPath } from './temporary-files.js';

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

/**
 * Writes `text` to `path` so that readers see the old file or the whole new one, never a
 * part: a temporary file in the same folder (same file system, so the rename is atomic),
 * flushed to disk, then renamed over the target. On any failure the temporary file is
 * removed and the target is untouched.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = temporaryPath(dirname(path), basename(path));
  let created = false;
  try {
    const handle = await open(temp, 'wx', 0o644);
    created = true;
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    created = false;
  } finally {
    if (created) await unlink(temp).catch(() => undefined);
  }
}
