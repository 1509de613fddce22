/**
 * The value rules of `../values.ts` spelled as DuckDB SQL, so DuckDB converts and validates
 * text cells (CSV, text columns of Parquet, JSON strings) itself and no row passes through
 * JavaScript. Each macro takes the cell as VARCHAR and returns the normalised value in the
 * type the compiled duckdb views read, or NULL when the cell is empty — and also NULL when the
 * cell is invalid, which the loader detects as "a cell that was not NULL became NULL".
 *
 * Invariant (held by test/data/duckdb-cells.test.ts against values.ts on generated cells):
 * a macro accepts exactly the cells `parseText` accepts, and its value is the one
 * `parseText` returns. DuckDB's own casts are more lenient than these rules (`24:00:00`,
 * year 0000, `1_000`, ` 1`, `inf`), so every cast is guarded by a pattern first.
 */
import { valueFamily, type FieldDef } from '../../schema/types.js';

/** The DuckDB variable holding the `--timezone` offset in minutes (see `timezoneSql`). */
export const TIMEZONE_VARIABLE = 'stagecraft_timezone_minutes';

/** Sets (or, with `undefined`, unsets) the zone offset-less instants are read in. */
export function timezoneSql(zone: number | undefined): string {
  return zone === undefined ? `RESET VARIABLE ${TIMEZONE_VARIABLE}` : `SET VARIABLE ${TIMEZONE_VARIABLE} = ${Math.trunc(zone)}`;
}

/** `CREATE TEMP MACRO` statements for the conversions; run once per connection. */
export const CELL_MACROS_SQL = [
  // A decimal number with optional exponent; finite; `int` only integral within ±2^53.
  `CREATE OR REPLACE TEMP MACRO stagecraft_number(c) AS CASE
    WHEN regexp_full_match(c, '[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?') AND isfinite(TRY_CAST(c AS DOUBLE))
    THEN TRY_CAST(c AS DOUBLE) + 0.0 END`,
  // Macros are textual: a one-element list binds the number once instead of copying its parse.
  `CREATE OR REPLACE TEMP MACRO stagecraft_int(c) AS
    list_transform([stagecraft_number(c)], n -> CASE WHEN n = trunc(n) AND abs(n) <= 9007199254740991 THEN n END)[1]`,
  `CREATE OR REPLACE TEMP MACRO stagecraft_boolean(c) AS CASE lower(c) WHEN 'true' THEN true WHEN 'false' THEN false END`,
  // YYYY-MM-DD, a real calendar date in years 0001–9999 (the cast rejects 02-30).
  `CREATE OR REPLACE TEMP MACRO stagecraft_date(c) AS CASE
    WHEN regexp_full_match(c, '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND NOT starts_with(c, '0000') THEN TRY_CAST(c AS DATE) END`,
  // The general instant: date, T/t/space, hh:mm[:ss[.fraction]], and an offset (Z or ±hh[[:]mm]).
  // Without an offset it is read in the zone of the variable TIMEZONE_VARIABLE (--timezone),
  // minutes east of UTC; unset, getvariable is NULL and so is the instant: bad data.
  `CREATE OR REPLACE TEMP MACRO stagecraft_instant_parts(c) AS regexp_extract(c,
    '^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?(?:([Zz])|([+-])([0-9]{2})(?::?([0-9]{2}))?)?$',
    ['y', 'mo', 'd', 'h', 'mi', 's', 'f', 'z', 'sign', 'oh', 'om'])`,
  // Fraction digits past the millisecond are cut before the cast (the cast would round them).
  `CREATE OR REPLACE TEMP MACRO stagecraft_instant_from_parts(parts) AS list_transform([parts], p -> CASE
    WHEN p.y = '' OR p.y = '0000' THEN NULL
    WHEN p.h::INTEGER > 23 OR p.mi::INTEGER > 59 OR (p.s <> '' AND p.s::INTEGER > 59) THEN NULL
    WHEN p.oh <> '' AND (p.oh::INTEGER > 23 OR (p.om <> '' AND p.om::INTEGER > 59)) THEN NULL
    ELSE TRY_CAST(p.y || '-' || p.mo || '-' || p.d || ' ' || p.h || ':' || p.mi || ':' || (CASE WHEN p.s = '' THEN '00' ELSE p.s END)
                  || '.' || rpad(left(p.f, 3), 3, '0') AS TIMESTAMP)
         - to_minutes(CASE WHEN p.z = '' AND p.sign = '' THEN getvariable('stagecraft_timezone_minutes')::INTEGER WHEN p.sign = '' THEN 0 ELSE (CASE p.sign WHEN '-' THEN -1 ELSE 1 END)
                          * (p.oh::INTEGER * 60 + (CASE WHEN p.om = '' THEN 0 ELSE p.om::INTEGER END)) END)
    END)[1]`,
  `CREATE OR REPLACE TEMP MACRO stagecraft_in_years(instant) AS list_transform([instant], t -> CASE WHEN year(t) BETWEEN 1 AND 9999 THEN t END)[1]`,
  // The canonical form (what exports and our generator write) is checked without the parts.
  `CREATE OR REPLACE TEMP MACRO stagecraft_instant(c) AS CASE
    WHEN c IS NULL THEN NULL
    WHEN regexp_full_match(c, '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\\.[0-9]{3}Z') AND NOT starts_with(c, '0000')
    THEN TRY_CAST(left(c, 23) AS TIMESTAMP)
    ELSE stagecraft_in_years(stagecraft_instant_from_parts(stagecraft_instant_parts(c)))
    END`,
];

/** The SQL converting the VARCHAR expression `cell` to the value of `field` (NULL: empty or invalid). */
export function textCellSql(cell: string, field: FieldDef): string {
  const family = valueFamily(field.type);
  if (family === 'number') return field.type === 'int' ? `stagecraft_int(${cell})` : `stagecraft_number(${cell})`;
  if (family === 'boolean') return `stagecraft_boolean(${cell})`;
  if (family === 'date') return `stagecraft_date(${cell})`;
  if (family === 'datetime') return `stagecraft_instant(${cell})`;
  return `NULLIF(${cell}, '')`; // text, picklists: kept exactly, empty text is null
}
