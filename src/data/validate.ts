/**
 * `validateDataset(rows, schema)`: the loader's validation for rows built in code (tests,
 * benchmarks, an application that already holds its CRM history in memory). Values are
 * accepted exactly as in JSON Lines (typed JSON values; `Date` objects for instants too),
 * normalised the same way, and problems name the table and the 1-based row.
 */
import { OBJECT_NAMES, type ObjectName, type Schema } from '../schema/types.js';
import type { Dataset, Row } from './dataset.js';
import { ProblemLog } from './errors.js';
import { TableBuilder, type CellInput } from './table.js';
import { parseJsonValue } from './values.js';

export type LooseRow = Readonly<Record<string, unknown>>;

export function validateDataset(data: Partial<Record<ObjectName, readonly LooseRow[]>>, schema: Schema): Dataset {
  const log = new ProblemLog();
  const tables = {} as Record<ObjectName, readonly Row[]>;
  for (const object of OBJECT_NAMES) {
    const table = new TableBuilder(object, schema.objects[object], `${schema.objects[object].table} rows`, log);
    (data[object] ?? []).forEach((record, index) => {
      const where = { row: index + 1 };
      const cells = new Map<string, CellInput>();
      for (const [key, raw] of Object.entries(record)) {
        if (!table.acceptColumn(key)) continue;
        const value = raw instanceof Date ? (Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString()) : raw;
        cells.set(key, { where, parse: (field, zone) => parseJsonValue(value, field, zone) });
      }
      table.addRow(where, cells);
    });
    tables[object] = table.rows();
  }
  log.throwIfAny();
  return tables;
}
