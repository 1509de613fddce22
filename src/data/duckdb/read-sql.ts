/**
 * The SELECT that reads one table file with DuckDB's own reader (read_csv, read_ndjson_objects,
 * read_parquet), converts every cell to the layout's type with the rules of `../values.ts`
 * (`cell-sql.ts`) and flags, per row, whether anything in it is bad data:
 *
 *   stagecraft_problem  a cell that is not a valid value of its field, a missing required
 *                       value, or (JSON Lines) a line that is not one object, or a key given twice
 *   stagecraft_suspect  a row the JavaScript reader must judge (no format flags one today;
 *                       CSV syntax DuckDB's reader is lenient about is checked line by line)
 *
 * A file with any flagged row is handed to the JavaScript reader, which says exactly what and
 * where (file:line:col); the flags only decide *whether* to ask. Column order of the SELECT is
 * the layout's, then the two flags.
 */
import type { FieldDef } from '../../schema/types.js';
import { textCellSql } from './cell-sql.js';
import { DUCKDB_COLUMN_TYPES, storageFamily, type ColumnLayout, type TableLayout } from './layout.js';
import { ident, literal } from './sql-text.js';


interface Converted {
  /** The value in the layout's type, NULL when empty or bad; over the reader's columns. */
  readonly value: string;
  /**
   * True when the cell is bad data, over the reader's columns and `VALUE` (the converted
   * value, computed once by an inner SELECT rather than spelled again).
   */
  readonly bad: string;
  /** True when the cell needs the JavaScript reader's opinion. */
  readonly suspect?: string;
}

/** Stands for the converted value's column in `Converted.bad`. */
const VALUE = '$value';

function selectSql(layout: TableLayout, converted: ReadonlyMap<string, Converted>, source: string, rowProblems: readonly string[]): string {
  const inner: string[] = [];
  const values: string[] = [];
  const problems = [...rowProblems];
  const suspects: string[] = [];
  layout.columns.forEach((column, i) => {
    const c = converted.get(column.name);
    const type = DUCKDB_COLUMN_TYPES[column.family];
    if (c === undefined) {
      values.push(`CAST(NULL AS ${type}) AS ${ident(column.name)}`);
      return;
    }
    const valueColumn = `stagecraft_value_${i}`;
    inner.push(`CAST(${c.value} AS ${type}) AS ${valueColumn}`);
    values.push(`${valueColumn} AS ${ident(column.name)}`);
    problems.push(c.bad.split(VALUE).join(valueColumn));
    // A required column missing from the file is reported by the header check, not here.
    if (layout.required.includes(column.name)) problems.push(`${valueColumn} IS NULL`);
    if (c.suspect !== undefined) suspects.push(c.suspect);
  });
  // NULL OR true is true and NULL OR false is NULL: one coalesce gives "any term is true".
  const anyOf = (terms: readonly string[]): string => (terms.length === 0 ? 'false' : `coalesce(${terms.map((t) => `(${t})`).join(' OR ')}, false)`);
  return [
    `SELECT ${values.join(', ')},`,
    `  ${anyOf(problems)} AS stagecraft_problem,`,
    `  ${anyOf(suspects)} AS stagecraft_suspect`,
    `FROM (SELECT *${inner.map((v) => `, ${v}`).join('')} FROM ${source})`,
  ].join('\n');
}

/** A text cell (VARCHAR expression) converted by the CSV rules. */
function fromText(raw: string, field: FieldDef): Converted {
  const value = textCellSql(raw, field);
  // Any text is a valid text value: only the other types can reject a cell.
  if (storageFamily(field) === 'text') return { value, bad: 'false' };
  return { value, bad: `(${raw} IS NOT NULL AND ${raw} <> '' AND ${VALUE} IS NULL)` };
}

/**
 * CSV: the header was read and checked by the caller; `header` names the file's columns in
 * order. Every column is read as VARCHAR under a positional name, so any header text is safe.
 */
export function csvSelectSql(path: string, layout: TableLayout, header: readonly string[]): string {
  const raw = header.map((_, i) => `c${i}`);
  const columns = raw.map((r) => `${literal(r)}: 'VARCHAR'`).join(', ');
  const source =
    `read_csv(${literal(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
    `strict_mode = true, null_padding = false, columns = {${columns}})`;
  const converted = new Map<string, Converted>();
  for (const column of layout.columns) {
    const i = header.indexOf(column.name);
    if (i < 0) continue;
    const cell = fromText(raw[i]!, column.field);
    // The file's syntax (quotes, field counts) is checked line by line apart (load.ts).
    converted.set(column.name, cell);
  }
  return selectSql(layout, converted, source, []);
}

/** A JSON pointer to one key (exact: no path syntax to escape but `~` and `/`). */
function pointer(key: string): string {
  return literal(`/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

/**
 * JSON Lines: each line one object. Values are typed (a number in a string is bad); a key
 * given twice and a line that is not an object are bad rows. Keys the schema does not name are
 * not read (the caller notes them).
 */
export function jsonlSelectSql(path: string, layout: TableLayout): string {
  const paths = layout.columns.map((c) => pointer(c.name)).join(', ');
  const source =
    `(SELECT json_type(json) AS line_type, json_keys(json) AS line_keys, json_extract(json, [${paths}]) AS line_values ` +
    `FROM read_ndjson_objects(${literal(path)}))`;
  const converted = new Map<string, Converted>();
  layout.columns.forEach((column, i) => converted.set(column.name, fromJson(`line_values[${i + 1}]`, column)));
  const rowProblems = [
    `line_type <> 'OBJECT'`,
    `len(line_keys) <> len(list_distinct(line_keys))`,
  ];
  return selectSql(layout, converted, source, rowProblems);
}

function fromJson(x: string, column: ColumnLayout): Converted {
  const type = `json_type(${x})`;
  const text = `(${x} ->> '$')`;
  const present = `(${x} IS NOT NULL AND ${type} <> 'NULL')`;
  switch (column.field.type) {
    case 'id':
    case 'reference':
    case 'text':
    case 'picklist':
      return { value: `CASE WHEN ${type} = 'VARCHAR' THEN NULLIF(${text}, '') END`, bad: `(${present} AND ${type} <> 'VARCHAR')` };
    case 'multipicklist': {
      // TRY_CAST: DuckDB may evaluate this for a string value too (AND/OR/CASE do not short-
      // circuit reliably), and a CAST error there sent every file with a `;`-joined string
      // multi-select to the JavaScript reader.
      const items = `TRY_CAST(${x} AS VARCHAR[])`;
      return {
        value:
          `CASE ${type} WHEN 'VARCHAR' THEN NULLIF(${text}, '') ` +
          `WHEN 'ARRAY' THEN NULLIF(array_to_string(list_filter(${items}, s -> s <> ''), ';'), '') END`,
        bad:
          `(${present} AND NOT (${type} = 'VARCHAR' OR (${type} = 'ARRAY' AND ` +
          `len(list_filter(json_type(${x}, '$[*]'), t -> t <> 'VARCHAR')) = 0 AND ` +
          `len(list_filter(${items}, s -> contains(s, ';'))) = 0)))`,
      };
    }
    case 'boolean':
      return { value: `CASE WHEN ${type} = 'BOOLEAN' THEN CAST(${x} AS BOOLEAN) END`, bad: `(${present} AND ${type} <> 'BOOLEAN')` };
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const number = `CASE WHEN ${type} IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN TRY_CAST(${x} AS DOUBLE) END`;
      const ok =
        column.field.type === 'int'
          ? `(isfinite(${number}) AND ${number} = trunc(${number}) AND abs(${number}) <= 9007199254740991)`
          : `isfinite(${number})`;
      return { value: `CASE WHEN ${ok} THEN ${number} + 0.0 END`, bad: `(${present} AND ${VALUE} IS NULL)` };
    }
    case 'date':
    case 'datetime': {
      const value = `CASE WHEN ${type} = 'VARCHAR' THEN ${textCellSql(text, column.field)} END`;
      return { value, bad: `(${present} AND (${type} <> 'VARCHAR' OR (${text} <> '' AND ${VALUE} IS NULL)))` };
    }
  }
}

/** One Parquet column: its name and DuckDB type (from DESCRIBE). */
export interface ParquetColumn {
  readonly name: string;
  readonly type: string;
}

/**
 * Parquet: typed columns. Returns null when a column's type is one this path does not convert
 * (the JavaScript reader then reads the file and says what is wrong, or accepts it).
 */
export function parquetSelectSql(path: string, layout: TableLayout, columns: readonly ParquetColumn[]): string | null {
  const converted = new Map<string, Converted>();
  for (const column of layout.columns) {
    const found = columns.find((c) => c.name === column.name);
    if (found === undefined) continue;
    const c = fromParquet(ident(found.name), found.type, column);
    if (c === null) return null;
    converted.set(column.name, c);
  }
  return selectSql(layout, converted, `read_parquet(${literal(path)})`, []);
}

/**
 * A TIMESTAMP_NS floored to the millisecond, as TIMESTAMP. Not `date_trunc`: on TIMESTAMP_NS
 * it first casts to microseconds, truncating toward zero, so before 1970 the last nanoseconds
 * of a millisecond moved into the next one (1969-12-31 23:59:59.999999999 became 1970-01-01
 * 00:00:00.000, where the rules and the JavaScript reader floor it to …59.999).
 */
function nanosToMillisecond(x: string): string {
  const ns = `epoch_ns(${x})`;
  return `make_timestamp((${ns} // 1000000 - CASE WHEN ${ns} % 1000000 < 0 THEN 1 ELSE 0 END) * 1000)`;
}

const INTEGER_TYPES = ['TINYINT', 'SMALLINT', 'INTEGER', 'UTINYINT', 'USMALLINT', 'UINTEGER'];
const WIDE_INTEGER_TYPES = ['BIGINT', 'UBIGINT', 'HUGEINT', 'UHUGEINT'];
const TIMESTAMP_TYPES = ['TIMESTAMP', 'TIMESTAMP_MS', 'TIMESTAMP_S', 'TIMESTAMP_NS', 'TIMESTAMP WITH TIME ZONE'];

function fromParquet(x: string, type: string, column: ColumnLayout): Converted | null {
  if (type === 'VARCHAR') return fromText(x, column.field);
  const inYears = (expression: string): Converted => ({
    value: `CASE WHEN year(${expression}) BETWEEN 1 AND 9999 THEN ${expression} END`,
    bad: `(${x} IS NOT NULL AND NOT (year(${expression}) BETWEEN 1 AND 9999))`,
  });
  switch (column.family) {
    case 'boolean':
      return type === 'BOOLEAN' ? { value: x, bad: 'false' } : null;
    case 'date':
      return type === 'DATE' ? inYears(x) : null;
    case 'datetime': {
      if (!TIMESTAMP_TYPES.includes(type)) return null;
      // Truncation toward the past to the millisecond (date_trunc floors, also before 1970).
      if (type === 'TIMESTAMP_NS') return inYears(nanosToMillisecond(x));
      const utc = type === 'TIMESTAMP WITH TIME ZONE' ? `CAST(timezone('UTC', ${x}) AS TIMESTAMP)` : `CAST(${x} AS TIMESTAMP)`;
      return inYears(`date_trunc('millisecond', ${utc})`);
    }
    case 'number': {
      const isInt = column.field.type === 'int';
      if (INTEGER_TYPES.includes(type)) return { value: `CAST(${x} AS DOUBLE)`, bad: 'false' };
      if (WIDE_INTEGER_TYPES.includes(type)) {
        const ok = `abs(CAST(${x} AS DOUBLE)) <= 9007199254740991`;
        return { value: `CASE WHEN ${ok} THEN CAST(${x} AS DOUBLE) END`, bad: `(${x} IS NOT NULL AND NOT (${ok}))` };
      }
      if (type === 'FLOAT' || type === 'DOUBLE' || type.startsWith('DECIMAL')) {
        const n = `CAST(${x} AS DOUBLE)`;
        const ok = isInt ? `(isfinite(${n}) AND ${n} = trunc(${n}) AND abs(${n}) <= 9007199254740991)` : `isfinite(${n})`;
        return { value: `CASE WHEN ${ok} THEN ${n} + 0.0 END`, bad: `(${x} IS NOT NULL AND NOT (${ok}))` };
      }
      return null;
    }
    case 'text':
      if (column.field.type === 'multipicklist' && type === 'VARCHAR[]') {
        return {
          value: `NULLIF(array_to_string(list_filter(${x}, s -> s IS NOT NULL AND s <> ''), ';'), '')`,
          bad: `(${x} IS NOT NULL AND len(list_filter(${x}, s -> s IS NULL OR contains(s, ';'))) > 0)`,
        };
      }
      return null;
  }
}
