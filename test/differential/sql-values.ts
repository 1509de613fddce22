/**
 * Data values as SQL literals of a dialect — how the pivoted queries and the planted-bug
 * harness get rows into a database without the engines' own loaders (so those loaders are
 * not the only path data takes, and literal escaping of data is exercised too).
 */
import type { Dialect } from '../../src/compiler/sql/dialect.js';
import type { Dataset, Value } from '../../src/data/dataset.js';
import { createTableSql, tableLayouts } from '../../src/engines/sql-load.js';
import { valueFamily, type FieldType, type Schema } from '../../src/schema/types.js';

/** A value as a typed SQL expression (`CAST(<literal> AS <column type>)`). */
export function sqlValue(value: Value, type: FieldType, d: Dialect): string {
  const family = valueFamily(type);
  const column = d.columnType(family === 'picklist' || family === 'multipicklist' ? 'text' : family);
  if (value === null) return `CAST(NULL AS ${column})`;
  let expr: string;
  switch (family) {
    case 'number':
      expr = d.numberLiteral(Number(value));
      break;
    case 'boolean':
      expr = d.booleanLiteral(value === true);
      break;
    case 'date':
      expr = d.dateLiteral(String(value));
      break;
    case 'datetime':
      expr = d.timestampLiteral(String(value));
      break;
    default:
      expr = d.stringLiteral(String(value));
  }
  return `CAST(${expr} AS ${column})`;
}

/** Statements that (re)create the four input tables and insert `data` as literals. */
export function loadStatements(schema: Schema, data: Dataset, d: Dialect): string[] {
  const statements: string[] = [];
  for (const layout of tableLayouts(schema)) {
    statements.push(createTableSql(layout, d, { orReplace: true }));
    const rows = data[layout.object];
    if (rows.length === 0) continue;
    const types: Record<string, FieldType> = Object.fromEntries(Object.entries(schema.objects[layout.object].fields).map(([n, f]) => [n, f.type]));
    const tuples = rows.map((row) => `(${layout.columns.map((c) => sqlValue(row[c.name] ?? null, types[c.name] ?? 'datetime', d)).join(', ')})`);
    statements.push(`INSERT INTO ${d.quoteIdentifier(layout.table)} VALUES ${tuples.join(', ')}`);
  }
  return statements;
}
