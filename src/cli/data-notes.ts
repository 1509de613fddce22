/**
 * The notes every command that reads a data folder prints on stderr (SPEC §3): a table without
 * a file is empty, and columns the schema does not name are ignored — said once per file, so a
 * typo in a column name never goes unnoticed, whichever command read the folder.
 */
import type { TableSource } from '../data/load.js';
import type { Schema } from '../schema/types.js';
import type { CliIo } from './io.js';

/** Most ignored columns a note names; real replicas carry hundreds. */
const IGNORED_COLUMNS_NAMED = 10;

/** Notes on what was not read: a table without a file, columns the schema does not name. */
export function reportTableNotes(sources: readonly TableSource[], schema: Schema, dir: string, io: CliIo): void {
  for (const s of sources) {
    if (s.file === null) {
      const base = schema.objects[s.object].table;
      io.err(`note: no ${base}.csv, ${base}.jsonl or ${base}.parquet in ${dir}; the ${s.object} table is empty\n`);
      continue;
    }
    const ignored = s.ignoredColumns;
    if (ignored.length === 0) continue;
    const named = ignored.slice(0, IGNORED_COLUMNS_NAMED).map((c) => JSON.stringify(c)).join(', ');
    const more = ignored.length > IGNORED_COLUMNS_NAMED ? ` and ${ignored.length - IGNORED_COLUMNS_NAMED} more` : '';
    const noun = ignored.length === 1 ? 'column' : `${ignored.length} columns`;
    io.err(`note: ${s.file}: ignored ${noun} the schema does not name for ${s.object}: ${named}${more}\n`);
  }
}
