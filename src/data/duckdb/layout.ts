/**
 * The four input tables as the compiled duckdb views read them: one column per schema field
 * (named like the field) plus the valid-from column on version tables, typed by storage
 * family. `test/data/duckdb-load.test.ts` holds these types equal to the duckdb dialect's.
 */
import { OBJECT_NAMES, valueFamily, type FieldDef, type ObjectName, type Schema } from '../../schema/types.js';
import { ident } from './sql-text.js';

export type StorageFamily = 'text' | 'number' | 'boolean' | 'date' | 'datetime';

/** DuckDB column type of each storage family (the duckdb dialect's `columnType`). */
export const DUCKDB_COLUMN_TYPES: Readonly<Record<StorageFamily, string>> = {
  text: 'VARCHAR',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'TIMESTAMP',
};

export interface ColumnLayout {
  readonly name: string;
  readonly field: FieldDef;
  readonly family: StorageFamily;
}

export interface TableLayout {
  readonly object: ObjectName;
  readonly table: string;
  readonly columns: readonly ColumnLayout[];
  /** Columns that must hold a value: the id, and valid-from or the engagement's created instant. */
  readonly required: readonly string[];
  /** The unique key: the id, plus valid-from on version tables. */
  readonly key: readonly string[];
}

const VALID_FROM: FieldDef = { type: 'datetime' };

/** Every text-like type (picklists too) is stored as text. */
export function storageFamily(field: FieldDef): StorageFamily {
  const family = valueFamily(field.type);
  return family === 'picklist' || family === 'multipicklist' ? 'text' : family;
}

export function tableLayout(schema: Schema, object: ObjectName): TableLayout {
  const def = schema.objects[object];
  const columns: ColumnLayout[] = Object.entries(def.fields).map(([name, field]) => ({ name, field, family: storageFamily(field) }));
  const id = def.roles.id;
  if (object === 'Engagement') {
    const created = schema.objects.Engagement.roles.created;
    return { object, table: def.table, columns, required: [id, created], key: [id] };
  }
  const validFrom = schema.objects[object].roles.validFrom;
  columns.push({ name: validFrom, field: VALID_FROM, family: 'datetime' });
  return { object, table: def.table, columns, required: [id, validFrom], key: [id, validFrom] };
}

export function tableLayouts(schema: Schema): TableLayout[] {
  return OBJECT_NAMES.map((object) => tableLayout(schema, object));
}

export function createTableSql(layout: TableLayout): string {
  const columns = layout.columns.map((c) => `${ident(c.name)} ${DUCKDB_COLUMN_TYPES[c.family]}`).join(', ');
  return `CREATE OR REPLACE TABLE ${ident(layout.table)} (${columns})`;
}
