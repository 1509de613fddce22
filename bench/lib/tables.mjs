/**
 * The four input tables as the SQL side of the bench stores them: column names (schema field
 * order, then the valid-from column on version tables) and column types per dialect, from the
 * schema's field types grouped into the storage families of src/engines/sql-load.ts (every
 * text-like type — ids, references, picklists — is text).
 */
import { closeSync, openSync, readSync } from 'node:fs';
/** @type {typeof import('../../src/schema/types.js')} */
const { valueFamily } = await import(new URL('../../dist/schema/types.js', import.meta.url).href);

/** @typedef {'duckdb' | 'postgres'} BenchDialect */
/** @typedef {'text' | 'boolean' | 'number' | 'date' | 'datetime'} Family */

/** @type {Record<BenchDialect, Record<Family, string>>} */
const TYPES = {
  duckdb: { text: 'VARCHAR', boolean: 'BOOLEAN', number: 'DOUBLE', date: 'DATE', datetime: 'TIMESTAMP' },
  postgres: { text: 'TEXT', boolean: 'BOOLEAN', number: 'DOUBLE PRECISION', date: 'DATE', datetime: 'TIMESTAMP' },
};

export const OBJECTS = /** @type {const} */ (['Engagement', 'Lead', 'Contact', 'Opportunity']);

/**
 * @param {string} type a schema field type
 * @returns {Family}
 */
function family(type) {
  const f = valueFamily(/** @type {import('../../src/schema/types.js').FieldType} */ (type));
  return f === 'picklist' || f === 'multipicklist' ? 'text' : f;
}

/**
 * Column names per object: schema field order, then the valid-from column on version tables.
 * @param {any} schema a loaded schema (src/schema/types.ts)
 * @param {string} object
 * @returns {string[]}
 */
export function columnsOf(schema, object) {
  const o = schema.objects[object];
  const fields = Object.keys(o.fields);
  return o.versioned ? [...fields, o.roles.validFrom] : fields;
}

/**
 * `[name, SQL type]` per column of an object's table.
 * @param {any} schema
 * @param {string} object
 * @param {BenchDialect} dialect
 * @returns {[string, string][]}
 */
export function columnTypes(schema, object, dialect) {
  const o = schema.objects[object];
  return columnsOf(schema, object).map((c) => {
    const type = c === o.roles.validFrom && o.versioned ? 'datetime' : o.fields[c].type;
    return [c, TYPES[dialect][family(type)]];
  });
}

/** @param {string} name */
export function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

/** @param {string} text */
export function quoteString(text) {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * @param {any} schema
 * @param {string} object
 * @param {BenchDialect} dialect
 */
export function createTableSql(schema, object, dialect) {
  const cols = columnTypes(schema, object, dialect).map(([c, t]) => `${quoteIdent(c)} ${t}`);
  return `CREATE TABLE ${quoteIdent(schema.objects[object].table)} (${cols.join(', ')})`;
}

/**
 * DuckDB `read_csv` of a CSV file with every column typed explicitly (no sniffing): header row,
 * comma, double-quote quoting, empty cell = null. The columns are the header's, in its order
 * (read from the file's first line, as a data engineer would), each typed from the schema;
 * a column the schema does not name is read as VARCHAR.
 * @param {any} schema
 * @param {string} object
 * @param {string} file
 */
export function duckdbReadCsv(schema, object, file) {
  const types = new Map(columnTypes(schema, object, 'duckdb'));
  const header = readFirstLine(file).split(',');
  const columns = header.map((c) => `${quoteString(c)}: ${quoteString(types.get(c) ?? 'VARCHAR')}`);
  return `read_csv(${quoteString(file)}, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false, columns = {${columns.join(', ')}})`;
}

/** @param {string} file */
function readFirstLine(file) {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 16);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, n).toString('utf8');
    const end = text.indexOf('\n');
    return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '');
  } finally {
    closeSync(fd);
  }
}
