/** Spelling of names and literals in the DuckDB SQL the loader and writer build. */

/** strftime format of the canonical instant `YYYY-MM-DDTHH:MM:SS.mmmZ` (SPEC §4.5), as a SQL literal. */
export const INSTANT_FORMAT = `'%Y-%m-%dT%H:%M:%S.%gZ'`;

/** A quoted identifier: any column name a file or schema may use. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string literal: file paths and names land in SQL as text, never as code. */
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
