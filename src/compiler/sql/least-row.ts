/**
 * "The values of the least row of each group": one GROUP BY over a relation, with aggregates
 * that pick the values of some columns on the least (or greatest) row of a subset of each group.
 *
 * The views (./views.ts) say WHAT to pick — a `LeastRowRequest`: values, the order that decides
 * and the subset — and `GroupedSelect` renders the query around it. HOW a pick is spelled is the
 * dialect's one `leastRow` method (./dialect.ts): the base marks the least row with a
 * ROW_NUMBER window, DuckDB (./dialects/duckdb.ts) takes it with `min` over a STRUCT or
 * `arg_min_null`, inside the hash aggregate, without a sort. Both are given a `GroupedRows`,
 * the only way a pick adds SQL: columns computed per row before grouping, and aggregates.
 *
 * Shape of the rendered query (aliases fixed here, so a pick never collides with them):
 *
 *   SELECT <final columns> FROM (
 *     SELECT ranked.<group>, <aggregates> FROM (
 *       SELECT given.*, <row columns> FROM (<rows>) AS given   -- only when a pick added row columns
 *     ) AS ranked GROUP BY ranked.<group>
 *   ) AS grouped
 */
import type { Dialect } from './dialect.js';

/** Table aliases of the rendered query (see the header). */
const ALIAS = {
  /** The rows as given, under the row columns. */
  rows: 'given',
  /** The rows with their row columns: what the aggregates read. */
  ranked: 'ranked',
  /** The grouped result: what the final columns read. */
  grouped: 'grouped',
} as const;

/** One key of a §4.3-style order: ascending; text keys compare by code point. */
export interface OrderKey {
  /** A column of the grouped rows (unqualified). */
  readonly column: string;
  /** A text key: forced to binary (code point) order by the dialect. */
  readonly text?: boolean;
  /** NULL sorts after every value (text keys only). */
  readonly nullsLast?: boolean;
  /** A non-null instant (first key only): may be packed with the small keys after it. */
  readonly instant?: boolean;
  /** A non-null integer in [0, smallBelow): may be packed into the preceding instant. */
  readonly smallBelow?: number;
}

/** The values of some columns on the least (or, `latest`, the greatest) row of a subset of the group. */
export interface LeastRowRequest {
  /** Columns of the rows (unqualified) whose values on that row are wanted. */
  readonly values: readonly string[];
  /** A boolean column: only these rows take part (absent: every row). */
  readonly where?: string;
  /** Must decide between any two rows whose values differ. */
  readonly orderBy: readonly OrderKey[];
  /** The greatest row instead (a single instant key). */
  readonly latest?: boolean;
}

/** What a dialect's `leastRow` may add to the grouped query, and how it names the rows' columns. */
export interface GroupedRows {
  /** The grouping column (unqualified). */
  readonly groupBy: string;
  /** `column` as a row column's expression reads it (the rows as given). */
  row(column: string): string;
  /** `column` as an aggregate reads it (the rows, row columns included). */
  ranked(column: string): string;
  /** Adds a column computed per row before grouping; returns its (unqualified) name. An identical expression is added once. */
  rowColumn(expr: string): string;
  /** Adds an aggregate; returns how the final columns read it. */
  aggregate(expr: string): string;
}

/**
 * The portable least-row form (the base dialect's `leastRow`): a ROW_NUMBER column per request
 * (least row = 1, rows of the subset first, text keys in the dialect's binary order), and each
 * value `MAX(CASE WHEN <that row> THEN value END)`. Costs one window sort per request.
 */
export function leastRowByRowNumber(dialect: Dialect, request: LeastRowRequest, rows: GroupedRows): string[] {
  const order = request.orderBy.map((k) => {
    const expr = k.text ? dialect.binaryOrder(rows.row(k.column)) : rows.row(k.column);
    return `${expr}${request.latest ? ' DESC' : ''}${k.nullsLast ? ' NULLS LAST' : ''}`;
  });
  // Rows of the subset first, so row 1 is the subset's least row whenever the subset is not empty.
  const subsetFirst = request.where === undefined ? [] : [`CASE WHEN ${rows.row(request.where)} THEN 0 ELSE 1 END`];
  const rank = rows.rowColumn(`ROW_NUMBER() OVER (PARTITION BY ${rows.row(rows.groupBy)} ORDER BY ${[...subsetFirst, ...order].join(', ')})`);
  const first = `${rows.ranked(rank)} = 1`;
  const chosen = request.where === undefined ? first : `${first} AND ${rows.ranked(request.where)}`;
  return request.values.map((v) => rows.aggregate(`MAX(CASE WHEN ${chosen} THEN ${rows.ranked(v)} END)`));
}

/**
 * One GROUP BY over the rows of a subquery, with least-row picks spelled by the dialect. Make
 * every `pick` first, then `render` once.
 */
export class GroupedSelect {
  private readonly aggregates: string[] = [];
  /** Columns computed per row before grouping (`expr AS pick_n`): windows or aggregate keys. */
  private readonly rowColumns: string[] = [];
  /** Row-column expression → its name, so an identical expression (e.g. a shared struct) is computed once. */
  private readonly rowColumnNames = new Map<string, string>();
  private readonly rows: GroupedRows;

  constructor(
    private readonly dialect: Dialect,
    private readonly groupBy: string,
  ) {
    this.rows = {
      groupBy,
      row: (column) => `${ALIAS.rows}.${column}`,
      ranked: (column) => `${ALIAS.ranked}.${column}`,
      rowColumn: (expr) => this.rowColumn(expr),
      aggregate: (expr) => this.aggregate(expr),
    };
  }

  /** The grouping column, for the final columns. */
  get group(): string {
    return `${ALIAS.grouped}.${this.groupBy}`;
  }

  /** One expression per requested value (in `request.values` order), for the final columns. */
  pick(request: LeastRowRequest): string[] {
    return this.dialect.leastRow(request, this.rows);
  }

  private aggregate(expr: string): string {
    const name = `agg_${this.aggregates.length + 1}`;
    this.aggregates.push(`${expr} AS ${name}`);
    return `${ALIAS.grouped}.${name}`;
  }

  private rowColumn(expr: string): string {
    const existing = this.rowColumnNames.get(expr);
    if (existing !== undefined) return existing;
    const name = `pick_${this.rowColumns.length + 1}`;
    this.rowColumns.push(`${expr} AS ${name}`);
    this.rowColumnNames.set(expr, name);
    return name;
  }

  /** `SELECT columns FROM (rows grouped) AS grouped`; `columns` are `[expression, alias]` pairs. */
  render(columns: readonly (readonly [string, string])[], rows: string): string {
    const { rows: given, ranked, grouped } = ALIAS;
    const source =
      this.rowColumns.length === 0
        ? `(\n${rows}\n) AS ${ranked}`
        : `(\n  SELECT\n    ${given}.*,\n    ${this.rowColumns.join(',\n    ')}\n  FROM (\n${rows}\n  ) AS ${given}\n) AS ${ranked}`;
    const aggregated = [
      'SELECT',
      `  ${[`${ranked}.${this.groupBy} AS ${this.groupBy}`, ...this.aggregates].join(',\n  ')}`,
      `FROM ${source}`,
      `GROUP BY ${ranked}.${this.groupBy}`,
    ].join('\n');
    return `SELECT\n  ${columns.map(([expr, alias]) => `${expr} AS ${alias}`).join(',\n  ')}\nFROM (\n${aggregated}\n) AS ${grouped}`;
  }
}
