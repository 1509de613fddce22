/**
 * DuckDB (embedded; the default `stages run` engine).
 *
 * Collation: text compares by bytes (UTF-8, i.e. code point order) unless the session's
 * `default_collation` says otherwise; text keys of a window ORDER BY carry `COLLATE "binary"`
 * so a user setting such as `nocase` cannot change which candidate wins.
 * Strings: standard `'…'` with `''` (backslash is an ordinary character).
 * A CTE read twice is inlined twice unless it is `MATERIALIZED`.
 *
 * Least row per group (`leastRow`), inside one hash aggregate (no sort), with
 * `FILTER (WHERE …)` for the subset: `min` of a STRUCT of the order key (the instant, packed into
 * one BIGINT with the small integer keys after it where there are any, then text keys, which
 * compare by bytes whatever the session collation) followed by the picked values the key does
 * not hold itself (those are read back from the key); or, when one
 * scalar key decides, `arg_min_null`/`arg_max_null` per value (the `_null` forms keep a NULL
 * value of the winning row; plain `arg_min` skips it; DuckDB >= 1.1). Both measured faster than
 * one `arg_min_null(values struct, key struct)` per pick (docs/performance.md).
 */
import { defineDialect } from '../dialect.js';
import type { GroupedRows, LeastRowRequest, OrderKey } from '../least-row.js';

/**
 * Packing an instant with small integer keys into one BIGINT, `micros * R + k` (R the product
 * of the small keys' ranges): the order is the same as comparing (instant, k…) field by field,
 * negative instants (before 1970) included, since 0 <= k < R. |micros| < 2.6e17 for years
 * 0001–9999, so R <= `maxRange` keeps the product below 2^63 (9.2e18).
 */
const PACKING = {
  maxRange: 32,
  /** The range of a packed null flag: 0 for a value, 1 for NULL, so NULL sorts last. */
  nullFlagRange: 2,
} as const;

/**
 * An aggregate key: one scalar expression, or the fields of a STRUCT compared field by field.
 * A struct key also says how to read back, from the least struct, the key columns it holds
 * exactly (`decoded`: column → expression over the picked struct), so a pick need not carry
 * those values a second time.
 */
type AggregateKey =
  | { readonly scalar: string }
  | { readonly fields: readonly string[]; readonly decoded: ReadonlyMap<string, (picked: string) => string> };

/**
 * An aggregate key ordering like `keys` field by field (`ref` qualifies a column). A leading
 * instant, the small integer keys after it and the null flag of a following NULLS LAST text key
 * are packed into one BIGINT (comparing a struct field by field is what costs); remaining text
 * keys become STRUCT fields, which compare by bytes whatever the session collation.
 */
function aggregateKey(keys: readonly OrderKey[], ref: (column: string) => string): AggregateKey {
  let packed: string | null = null;
  /** The NULLS LAST text key whose null flag is packed (its text is the first struct field). */
  let packedNullable: string | undefined;
  let rest = keys;
  const first = keys[0];
  if (first?.instant === true) {
    const parts: [string, number][] = [];
    let i = 1;
    for (; i < keys.length && keys[i].smallBelow !== undefined; i++) parts.push([ref(keys[i].column), keys[i].smallBelow ?? 1]);
    const nullable = keys[i]?.nullsLast === true ? keys[i] : undefined;
    if (nullable !== undefined) parts.push([`CASE WHEN ${ref(nullable.column)} IS NULL THEN 1 ELSE 0 END`, PACKING.nullFlagRange]);
    const range = parts.reduce((r, [, below]) => r * below, 1);
    if (parts.length > 0 && range <= PACKING.maxRange) {
      // Horner form: ((micros * r1 + k1) * r2 + k2) …
      packed = parts.reduce((acc, [expr, below], n) => `${n === 0 ? acc : `(${acc})`} * ${below} + ${expr}`, `epoch_us(${ref(first.column)})`);
      // The packed null flag already orders NULL last: what is left of that key is its text.
      rest = keys.slice(i).map((k) => (k === nullable ? { column: k.column, text: true } : k));
      packedNullable = nullable?.column;
    }
  }
  if (packed !== null && rest.length === 0) return { scalar: packed };
  // A lone text key stays a struct field: `min`/`arg_min` over bare text follow the session
  // collation, struct fields compare by bytes.
  if (packed === null && keys.length === 1 && first?.nullsLast !== true && first?.text !== true) return { scalar: ref(first!.column) };
  const field = (picked: string, name: string): string => `struct_extract(${picked}, '${name}')`;
  const decoded = new Map<string, (picked: string) => string>();
  // A NULLS LAST text key is `COALESCE(text, '')` beside its null flag: together they give the
  // text back. The packed null flag is the last term of the Horner form (range 2), so it is the
  // parity of the packed key, whatever its sign.
  if (packedNullable !== undefined) {
    decoded.set(packedNullable, (p) => `CASE WHEN ${field(p, 'packed')} % 2 <> 0 THEN NULL ELSE ${field(p, 'k0')} END`);
  }
  rest.forEach((k, n) => {
    if (k.nullsLast === true) decoded.set(k.column, (p) => `CASE WHEN ${field(p, `k${n}_is_null`)} THEN NULL ELSE ${field(p, `k${n}`)} END`);
    else if (k.text !== true) decoded.set(k.column, (p) => field(p, `k${n}`));
  });
  return {
    fields: [
      ...(packed === null ? [] : [`'packed': ${packed}`]),
      ...rest.flatMap((k, n) =>
        k.nullsLast
          ? [`'k${n}_is_null': ${ref(k.column)} IS NULL`, `'k${n}': COALESCE(${ref(k.column)}, '')`]
          : [`'k${n}': ${k.text ? `COALESCE(${ref(k.column)}, '')` : ref(k.column)}`],
      ),
    ],
    decoded,
  };
}

/** The least-row values as plain aggregates: one hash aggregate, no window sort (see the header). */
function leastRowByAggregate(request: LeastRowRequest, rows: GroupedRows): string[] {
  const filtered = (agg: string): string => (request.where === undefined ? agg : `${agg} FILTER (WHERE ${rows.ranked(request.where)})`);
  const grouped = aggregateKey(request.orderBy, rows.ranked);
  if ('scalar' in grouped) {
    // One scalar key decides between rows whose values differ (the LeastRowRequest contract;
    // for an opportunity's versions ordered by `t` that is §3's unique (Id, valid_from)), so
    // each value can be taken on its own: no STRUCT to build, copy and compare per row.
    return request.values.map((v) => {
      const value = rows.ranked(v);
      const extreme = request.latest ? 'max' : 'min';
      const agg = value !== grouped.scalar ? `arg_${extreme}_null(${value}, ${grouped.scalar})` : `${extreme}(${value})`;
      return rows.aggregate(filtered(agg));
    });
  }
  // The same key over the rows before grouping, where the struct column is built.
  const key = aggregateKey(request.orderBy, rows.row);
  if (request.latest || 'scalar' in key) throw new Error('a latest-row pick needs a single scalar key');
  // min() of ONE struct holding the key, then the values: the key decides, and rows whose
  // keys tie hold equal values. The struct is a column of the rows, built once per row even
  // when several picks share it (stages 2 and 3 order their candidates alike) — and for
  // every row, the FILTER staying outside: building it only for the subset's rows
  // (`CASE WHEN … THEN struct END`) measured no faster (docs/performance.md).
  // Values the key holds exactly are read back from it: a value carried twice (an owner id as
  // key text and as value) is copied and compared twice per row.
  const carried = request.values.filter((v) => !key.decoded.has(v));
  const struct = `{${[...key.fields, ...carried.map((v) => `'v_${v}': ${rows.row(v)}`)].join(', ')}}`;
  const picked = rows.aggregate(filtered(`min(${rows.ranked(rows.rowColumn(struct))})`));
  return request.values.map((v) => key.decoded.get(v)?.(picked) ?? `struct_extract(${picked}, 'v_${v}')`);
}

export const duckdb = defineDialect({
  name: 'duckdb',
  formatterLanguage: 'duckdb',
  maxIdentifierBytes: Number.MAX_SAFE_INTEGER,
  verification: { kind: 'executed', engine: 'DuckDB (embedded, @duckdb/node-api)' },
  materializedCte: true,
  columnTypes: { text: 'VARCHAR', number: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP' },
  truncateToMillisecond: (expr) => `date_trunc('millisecond', ${expr})`,
  binaryOrder: (expr) => `${expr} COLLATE "binary"`,
  contains: (haystack, needle) => `contains(${haystack}, ${needle})`,
  startsWith: (text, prefix) => `starts_with(${text}, ${prefix})`,
  endsWith: (text, suffix) => `ends_with(${text}, ${suffix})`,
  leastRow: (request, rows) => leastRowByAggregate(request, rows),
});
