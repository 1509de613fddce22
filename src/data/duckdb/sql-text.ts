/** Spelling of names and literals in the DuckDB SQL the loader and writer build. */

/** A quoted identifier: any column name a file or schema may use. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string literal: file paths and names land in SQL as text, never as code. */
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
