/**
 * What the SQL engines share: the four input tables' layout derived from the schema (column
 * names = field names, plus the valid-from column on version tables), their DDL in a dialect,
 * and the conversion of result values back into `StampRow`s.
 */
import type { Dialect, ColumnFamily } from '../compiler/sql/dialect.js';
import type { Row, Value } from '../data/dataset.js';
import { STAMP_COLUMNS } from '../data/output.js';
import { compareStampRows, type StampRow } from '../runtime/stamp.js';
import { OBJECT_NAMES, valueFamily, type ObjectName, type Schema } from '../schema/types.js';

export interface ColumnLayout {
  readonly name: string;
  readonly family: ColumnFamily;
}

export interface TableLayout {
  readonly object: ObjectName;
  readonly table: string;
  readonly columns: readonly ColumnLayout[];
}

/** Storage family of a schema field: every text-like type (picklists too) is stored as text. */
function columnFamily(type: Parameters<typeof valueFamily>[0]): ColumnFamily {
  const family = valueFamily(type);
  return family === 'picklist' || family === 'multipicklist' ? 'text' : family;
}

export function tableLayouts(schema: Schema): TableLayout[] {
  return OBJECT_NAMES.map((object) => {
    const def = schema.objects[object];
    const columns: ColumnLayout[] = Object.entries(def.fields).map(([name, f]) => ({ name, family: columnFamily(f.type) }));
    if (object !== 'Engagement') columns.push({ name: schema.objects[object].roles.validFrom, family: 'datetime' });
    return { object, table: def.table, columns };
  });
}

export function createTableSql(layout: TableLayout, dialect: Dialect, options: { orReplace: boolean }): string {
  const q = dialect.quoteIdentifier;
  const cols = layout.columns.map((c) => `${q(c.name)} ${dialect.columnType(c.family)}`).join(', ');
  return `CREATE ${options.orReplace ? 'OR REPLACE ' : ''}TABLE ${q(layout.table)} (${cols})`;
}

/** A row's values in layout column order (absent fields are null). */
export function rowValues(layout: TableLayout, row: Row): Value[] {
  return layout.columns.map((c) => row[c.name] ?? null);
}

/** A stored value as a SQL literal of its column's family in `dialect` (`NULL` for null). */
export function familyLiteral(dialect: Dialect, family: ColumnFamily, value: Value): string {
  if (value === null) return 'NULL';
  switch (family) {
    case 'text':
      return dialect.stringLiteral(String(value));
    case 'number':
      return dialect.numberLiteral(Number(value));
    case 'boolean':
      return dialect.booleanLiteral(value === true);
    case 'date':
      return dialect.dateLiteral(String(value));
    case 'datetime':
      return dialect.timestampLiteral(String(value));
  }
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` (a SQL timestamp's text) → `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
export function isoFromTimestampText(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`unexpected timestamp text from the database: ${text}`);
  const millis = (m[3] ?? '').padEnd(3, '0').slice(0, 3);
  return `${m[1]}T${m[2]}.${millis}Z`;
}

/** The select list engines read `stage_stamps` with: the seven §4.5 columns, in order. */
export const STAMP_SELECT_LIST = STAMP_COLUMNS.join(', ');

/** Checks and narrows one result row (already converted to JS values) into a `StampRow`. */
export function toStampRow(values: {
  object: unknown;
  record_id: unknown;
  stage: unknown;
  label: unknown;
  stage_date: string;
  owner_id: unknown;
  inferred: unknown;
}): StampRow {
  const { object, record_id, label, owner_id, inferred } = values;
  const stage = Number(values.stage);
  if (object !== 'engagement' && object !== 'opportunity') throw new Error(`unexpected object ${String(object)}`);
  if (typeof record_id !== 'string' || typeof label !== 'string') throw new Error('unexpected stamp row');
  if (!Number.isInteger(stage) || stage < 1 || stage > 6) throw new Error(`unexpected stage ${String(values.stage)}`);
  if (owner_id !== null && typeof owner_id !== 'string') throw new Error('unexpected owner id');
  if (typeof inferred !== 'boolean') throw new Error('unexpected inferred flag');
  return {
    object,
    record_id,
    stage: stage as StampRow['stage'],
    label,
    stage_date: values.stage_date,
    owner_id,
    inferred,
  };
}

/** `SELECT` of `stage_stamps` in §4.5 column order, `stage_date` cast to the text type `textType`. */
export function selectStampsAsText(textType: string): string {
  return `SELECT ${STAMP_COLUMNS.map((c) => (c === 'stage_date' ? `CAST(stage_date AS ${textType}) AS stage_date` : c)).join(', ')} FROM stage_stamps`;
}

/** The rows of `selectStampsAsText` (values as the driver returns them) as sorted `StampRow`s. */
export function stampsFromTextRows(rows: readonly unknown[][]): StampRow[] {
  return rows
    .map(([object, record_id, stage, label, stageDate, owner_id, inferred]) =>
      toStampRow({ object, record_id, stage, label, stage_date: isoFromTimestampText(String(stageDate)), owner_id, inferred }),
    )
    .sort(compareStampRows);
}
