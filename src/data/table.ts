/**
 * Format-independent validation of one table: columns against the schema, values through
 * values.ts, required values, duplicate keys. The CSV, JSON Lines and Parquet readers feed it
 * cells with their positions; it logs every problem and builds the normalised rows.
 */
import type { FieldDef, ObjectDef, ObjectName } from '../schema/types.js';
import type { Row, Value } from './dataset.js';
import type { DataProblem, ProblemLog } from './errors.js';
import type { Parsed } from './values.js';

/** Where a cell or column is: a text position, or a Parquet row (and the column name). */
export type Where = { readonly line: number; readonly column: number } | { readonly row: number } | { readonly file: true };

export interface CellInput {
  /** Read only to report a problem (readers may compute it lazily, with a getter). */
  readonly where: Where;
  /** `zone`: minutes east of UTC of instants written without an offset (`--timezone`), if given. */
  parse(field: FieldDef, zone: number | undefined): Parsed;
}

/** Version tables may carry a `valid_to` column (dbt snapshots, Fivetran history); it is never read (SPEC §3). */
export const IGNORED_VERSION_COLUMNS: readonly string[] = ['valid_to'];

/**
 * Columns a replication tool keeps for itself, on any table: Fivetran's (`_fivetran_end`,
 * `_fivetran_active`, `_fivetran_synced`, `_fivetran_deleted`) and dbt snapshots' (`dbt_valid_to`,
 * `dbt_scd_id`, `dbt_updated_at`). They are never read; a schema field or the validFrom role
 * naming one (`_fivetran_start`, `dbt_valid_from`) is read as usual.
 */
export const BOOKKEEPING_PREFIXES: readonly string[] = ['_fivetran_', 'dbt_'];

/** Whether `name` is a column the loaders skip on a table of this kind when the schema does not name it. */
export function isIgnoredColumn(name: string, versioned: boolean): boolean {
  return (versioned && IGNORED_VERSION_COLUMNS.includes(name)) || BOOKKEEPING_PREFIXES.some((p) => name.startsWith(p));
}

const VALID_FROM_FIELD: FieldDef = { type: 'datetime' };

/**
 * For reading a file already known to hold bad data only to report it, with memory that does
 * not grow with its rows: `keepRows: false` keeps no rows, and `duplicateKeyIds` (the ids of
 * every duplicated key, found by another reader) limits the duplicate-key check to rows of
 * those ids. A row of another id is then taken to have a unique key.
 */
export interface TableBuilderOptions {
  readonly keepRows?: boolean;
  readonly duplicateKeyIds?: ReadonlySet<string>;
}

type AnyObjectDef = ObjectDef<{ readonly id: string; readonly validFrom?: string; readonly created?: string }>;

export class TableBuilder {
  private readonly fields = new Map<string, FieldDef>();
  private readonly required: readonly string[];
  private readonly keyColumns: readonly string[];
  private readonly seenKeys = new Map<string, Where>();
  /** Columns of the file the schema does not name, in the order first met (SPEC §3: ignored, with a note). */
  private readonly ignoredColumns = new Set<string>();
  /** Known columns the file carries (a header's, or JSON Lines keys met so far). */
  private readonly presentColumns = new Set<string>();
  /** Columns the file must carry: the required ones and those the definition reads or a role names. */
  private readonly neededColumns: readonly string[];
  private readonly built: Row[] = [];
  private readonly template: Record<string, Value> = {};
  private readonly versioned: boolean;
  /** Whether valid rows are kept (`rows()`); without, only problems are logged. */
  private readonly keepRows: boolean;
  /** When set, only rows whose id is in it are checked for a duplicate key (see `TableBuilderOptions`). */
  private readonly keyedIds: ReadonlySet<string> | null;

  constructor(
    readonly object: ObjectName,
    def: AnyObjectDef,
    readonly file: string,
    private readonly log: ProblemLog,
    /** The zone of offset-less instants (`--timezone`), in minutes east of UTC. */
    private readonly zone?: number,
    /** Columns the definition reads or a role names (`columnsNeeded`); a file lacking one is bad data. */
    needed: readonly string[] = [],
    options: TableBuilderOptions = {},
  ) {
    this.keepRows = options.keepRows ?? true;
    this.keyedIds = options.duplicateKeyIds ?? null;
    for (const [name, field] of Object.entries(def.fields)) {
      this.fields.set(name, field);
      this.template[name] = null;
    }
    const id = def.roles.id;
    if (def.versioned) {
      const validFrom = def.roles.validFrom ?? 'valid_from';
      this.fields.set(validFrom, VALID_FROM_FIELD);
      this.template[validFrom] = null;
      this.required = [id, validFrom];
      this.keyColumns = [id, validFrom];
    } else {
      const created = def.roles.created;
      this.required = created !== undefined ? [id, created] : [id];
      this.keyColumns = [id];
    }
    this.versioned = def.versioned;
    this.neededColumns = [...new Set([...this.required, ...needed.filter((name) => this.fields.has(name))])];
  }

  /** The file's columns the schema does not name, which were not read. */
  ignored(): string[] {
    return [...this.ignoredColumns];
  }

  /** Whether `name` is a column rows of this table carry (a schema field or `valid_from`). */
  knows(name: string): boolean {
    return this.fields.has(name);
  }

  /** Logs a problem that is not about one field (syntax, row shape, an unreadable file). */
  report(where: Where, message: string): void {
    this.problem(where, undefined, message);
  }

  /**
   * Whether `name` is a column of the table. One the schema does not name is not read and is
   * remembered for the note (`ignored`); replication bookkeeping columns are skipped silently.
   */
  acceptColumn(name: string): boolean {
    if (this.fields.has(name)) {
      this.presentColumns.add(name);
      return true;
    }
    if (!isIgnoredColumn(name, this.versioned)) this.ignoredColumns.add(name);
    return false;
  }

  /**
   * Logs each needed column the file does not carry; false when a required one (id, valid-from,
   * created) is missing, so rows cannot be keyed — without another needed column the rows are
   * still checked, so every problem of the file is reported at once. A header format calls it
   * after the header, JSON Lines after its last line (a key no line has is missing).
   */
  checkNeededColumns(fileWhere: Where): boolean {
    let complete = true;
    for (const name of this.neededColumns) {
      if (this.presentColumns.has(name)) continue;
      if (this.required.includes(name)) complete = false;
      const message = this.required.includes(name)
        ? `missing required column ${JSON.stringify(name)} for ${this.object}`
        : `missing column ${JSON.stringify(name)} for ${this.object}, which the definition reads`;
      this.problem(fileWhere, name, `${message}${suggestAmong(name, [...this.ignoredColumns], 'the file has')}`);
    }
    return complete;
  }

  /**
   * Checks a header (CSV, Parquet): duplicate and empty names, and that the needed columns
   * exist (columns the schema does not name are only noted). Returns false when rows cannot be
   * read meaningfully (a required column is missing or a column appears twice).
   */
  checkHeader(columns: readonly { readonly name: string; readonly where: Where }[], fileWhere: Where): boolean {
    let usable = true;
    const seen = new Set<string>();
    for (const { name, where } of columns) {
      if (seen.has(name)) {
        this.problem(where, name, `column ${JSON.stringify(name)} appears twice in the header`);
        usable = false;
        continue;
      }
      seen.add(name);
      if (name === '') {
        this.problem(where, name, 'empty column name in the header');
        continue;
      }
      this.acceptColumn(name);
    }
    return this.checkNeededColumns(fileWhere) && usable;
  }

  /** Validates and stores one row; `cells` holds only known columns. `rowWhere` is the row's start. */
  addRow(rowWhere: Where, cells: ReadonlyMap<string, CellInput>): void {
    const row: Record<string, Value> = { ...this.template };
    let valid = true;
    const failed = new Set<string>();
    for (const [name, cell] of cells) {
      const field = this.fields.get(name);
      if (field === undefined) continue;
      const parsed = cell.parse(field, this.zone);
      if (!parsed.ok) {
        this.problem(cell.where, name, `${name}: ${parsed.message}`);
        valid = false;
        failed.add(name);
        continue;
      }
      row[name] = parsed.value;
    }
    for (const name of this.required) {
      if (row[name] === null && !failed.has(name)) {
        this.problem(cells.get(name)?.where ?? rowWhere, name, `missing required value for ${name}`);
        valid = false;
      }
    }
    // The key is checked even when another field is bad, so a duplicate is never hidden.
    if (this.keyColumns.some((c) => row[c] === null)) return;
    if (this.keyedIds === null || this.keyedIds.has(row[this.keyColumns[0]!] as string)) {
      const key = this.keyColumns.map((c) => String(row[c])).join('\u0000');
      const first = this.seenKeys.get(key);
      if (first !== undefined) {
        const keyText = this.keyColumns.map((c) => `${c} ${JSON.stringify(row[c])}`).join(', ');
        const idCell = cells.get(this.keyColumns[0]!);
        this.problem(idCell?.where ?? rowWhere, this.keyColumns[0]!, `duplicate key (${keyText}); first seen at ${describeWhere(first)}`);
        return;
      }
      this.seenKeys.set(key, rowWhere);
    }
    if (valid && this.keepRows) this.built.push(row);
  }

  rows(): Row[] {
    return this.built;
  }

  private problem(where: Where, field: string | undefined, message: string): void {
    const at = 'line' in where ? { line: where.line, column: where.column } : 'row' in where ? { row: where.row } : {};
    const p: DataProblem = field === undefined ? { file: this.file, ...at, message } : { file: this.file, ...at, field, message };
    this.log.add(p);
  }
}

/**
 * `; did you mean "Status"?` when one of `names` differs from `name` in case or by a typo
 * (`lead` words the question, e.g. `the file has`), else ''.
 */
function suggestAmong(name: string, names: readonly string[], lead: string): string {
  const lower = name.toLowerCase();
  const sameCase = names.find((n) => n.toLowerCase() === lower);
  if (sameCase) return `; ${lead} ${JSON.stringify(sameCase)} (column names are case-sensitive)`;
  const prefix = names.find((n) => lower.length >= 3 && n.toLowerCase().startsWith(lower));
  if (prefix) return `; ${lead} ${JSON.stringify(prefix)}`;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const n of names) {
    const d = editDistance(lower, n.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = n;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? `; ${lead} ${JSON.stringify(best)}` : '';
}

export function describeWhere(where: Where): string {
  if ('line' in where) return `line ${where.line}`;
  if ('row' in where) return `row ${where.row}`;
  return 'the start of the file';
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
