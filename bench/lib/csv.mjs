/**
 * Writes the synthetic dataset as the four CSV files of SPEC §3 (`engagement.csv`, `lead.csv`,
 * `contact.csv`, `opportunity.csv`: header of field names, `valid_from` on version tables, empty
 * cell = null, `true`/`false`, ISO instants) — the same rows the TypeScript side streams, so the
 * SQL engines compute over exactly the same data. Loading is not timed.
 */
import { openSync, writeSync, closeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { OBJECTS, columnsOf } from './tables.mjs';

function cell(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  return String(v);
}

/** `rows`: chunks `{ objects, rows }` (rowSource().chunks(), or chunks(world)). */
export function writeCsvDataset(rowChunks, schema, dir) {
  mkdirSync(dir, { recursive: true });
  /** @type {Record<string, { file: string, fd: number, columns: string[], lines: string[] }>} */
  const out = {};
  for (const object of OBJECTS) {
    const columns = columnsOf(schema, object);
    const file = join(dir, `${schema.objects[object].table}.csv`);
    const fd = openSync(file, 'w');
    writeSync(fd, `${columns.join(',')}\n`);
    out[object] = { file, fd, columns, lines: [] };
  }
  const flush = (t) => {
    if (t.lines.length) writeSync(t.fd, `${t.lines.join('\n')}\n`);
    t.lines = [];
  };
  for (const { objects: names, rows } of rowChunks) {
    for (let i = 0; i < rows.length; i++) {
      const t = out[names[i]];
      const row = rows[i];
      let line = '';
      for (let c = 0; c < t.columns.length; c++) line += (c ? ',' : '') + cell(row[t.columns[c]]);
      t.lines.push(line);
      if (t.lines.length >= 2048) flush(t);
    }
  }
  for (const t of Object.values(out)) {
    flush(t);
    closeSync(t.fd);
  }
  return Object.fromEntries(OBJECTS.map((o) => [o, out[o].file]));
}
