/**
 * Reads one Parquet table file into a `TableBuilder` with hyparquet (pure JavaScript).
 *
 * Type mapping: TIMESTAMP (millis, micros, nanos; UTC-adjusted or not — Parquet's local
 * timestamps are read as UTC, since the warehouse contract is UTC) → instant, truncated to
 * the millisecond; DATE → `YYYY-MM-DD`; integers (also INT64) and decimals → numbers;
 * BOOLEAN → boolean; strings → parsed exactly like a CSV cell (so text columns holding
 * ISO instants or numbers work); a list of strings → multi-select. Rows have no lines, so
 * problems name the 1-based row and the column.
 */
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import type { FieldDef } from '../schema/types.js';
import type { CellInput, TableBuilder } from './table.js';
import { checkNumber, formatDays, formatInstant, parseMultiSelectArray, parseText, type Parsed } from './values.js';

/** A Parquet TIMESTAMP, as epoch milliseconds (already truncated toward the past). */
class ParquetInstant {
  constructor(readonly epochMs: number) {}
}

/** A Parquet DATE, as days since the epoch. */
class ParquetDate {
  constructor(readonly days: number) {}
}

/** Floor division for BigInt (which truncates toward zero). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b < 0n ? q - 1n : q;
}

const parsers = {
  timestampFromMilliseconds: (v: bigint) => new ParquetInstant(Number(v)),
  timestampFromMicroseconds: (v: bigint) => new ParquetInstant(Number(floorDiv(v, 1000n))),
  timestampFromNanoseconds: (v: bigint) => new ParquetInstant(Number(floorDiv(v, 1_000_000n))),
  dateFromDays: (v: number) => new ParquetDate(v),
};

export async function readParquetTable(path: string, table: TableBuilder): Promise<void> {
  let rows: Record<string, unknown>[];
  let columnNames: string[];
  try {
    const file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    columnNames = parquetSchema(metadata).children.map((c) => c.element.name);
    rows = await parquetReadObjects({ file, metadata, parsers });
  } catch (e) {
    table.report({ file: true }, `cannot read Parquet: ${(e as Error).message}`);
    return;
  }
  const header = columnNames.map((name) => ({ name, where: { file: true } as const }));
  if (!table.checkHeader(header, { file: true })) return;
  const known = columnNames.filter((n) => table.knows(n));
  rows.forEach((record, index) => {
    const where = { row: index + 1 };
    const cells = new Map<string, CellInput>();
    for (const name of known) {
      const value = record[name];
      cells.set(name, { where, parse: (field, zone) => parseParquetValue(value, field, zone) });
    }
    table.addRow(where, cells);
  });
}

function parseParquetValue(value: unknown, field: FieldDef, zone: number | undefined): Parsed {
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === 'string') return parseText(value, field, zone);
  if (value instanceof ParquetInstant) {
    if (field.type !== 'datetime') return mismatch('a TIMESTAMP', field);
    const iso = formatInstant(value.epochMs);
    return iso === null ? { ok: false, message: 'timestamp outside the years 0001–9999' } : { ok: true, value: iso };
  }
  if (value instanceof ParquetDate) {
    if (field.type !== 'date') {
      return mismatch('a DATE', field, field.type === 'datetime' ? ' (instants need a time; store a TIMESTAMP)' : '');
    }
    const ymd = formatDays(value.days);
    return ymd === null ? { ok: false, message: 'date outside the years 0001–9999' } : { ok: true, value: ymd };
  }
  if (typeof value === 'bigint') {
    if (!isNumeric(field)) return mismatch('an integer', field);
    const n = Number(value);
    if (!Number.isSafeInteger(n)) return { ok: false, message: `integer ${value} is too large to be exact (beyond ±2^53)` };
    return checkNumber(n, field);
  }
  if (typeof value === 'number') return isNumeric(field) ? checkNumber(value, field) : mismatch('a number', field);
  if (typeof value === 'boolean') return field.type === 'boolean' ? { ok: true, value } : mismatch('a boolean', field);
  if (Array.isArray(value)) return field.type === 'multipicklist' ? parseMultiSelectArray(value) : mismatch('a list', field);
  return mismatch(value instanceof Uint8Array ? 'binary data' : 'a nested value', field);
}

function isNumeric(field: FieldDef): boolean {
  return field.type === 'int' || field.type === 'double' || field.type === 'currency' || field.type === 'percent';
}

function mismatch(found: string, field: FieldDef, hint = ''): Parsed {
  return { ok: false, message: `a ${field.type} field cannot hold ${found}${hint}` };
}
