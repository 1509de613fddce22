/**
 * `validateDataset(rows, schema)`: the loader's validation for rows built in code (tests,
 * benchmarks, an application that already holds its CRM history in memory). Values are
 * accepted exactly as in JSON Lines (typed JSON values; `Date` objects for instants too),
 * normalised the same way, and problems name the table and the 1-based row.
 */
import { OBJECT_NAMES } from '../schema/types.js';
import { ProblemLog } from './errors.js';
import { TableBuilder } from './table.js';
import { parseJsonValue } from './values.js';
export function validateDataset(data, schema) {
    const log = new ProblemLog();
    const tables = {};
    for (const object of OBJECT_NAMES) {
        const table = new TableBuilder(object, schema.objects[object], `${schema.objects[object].table} rows`, log);
        (data[object] ?? []).forEach((record, index) => {
            const where = { row: index + 1 };
            const cells = new Map();
            for (const [key, raw] of Object.entries(record)) {
                if (!table.acceptColumn(key, where))
                    continue;
                const value = raw instanceof Date ? (Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString()) : raw;
                cells.set(key, { where, parse: (field) => parseJsonValue(value, field) });
            }
            table.addRow(where, cells);
        });
        tables[object] = table.rows();
    }
    log.throwIfAny();
    return tables;
}
//# sourceMappingURL=validate.js.map