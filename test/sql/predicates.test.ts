/**
 * Two-valued predicate logic (SPEC §4.1) on DuckDB and PostgreSQL, node by node: every
 * sub-predicate of the every-operator definition — and its negation — selects exactly the
 * rows the reference model's interpreter accepts, over rows full of nulls and boundary values
 * (the pivoted-query idea: a NULL leaking out of a leaf would flip a `NOT`).
 *
 * The tables hold empty text as `''`, as warehouses do, while the reference model is given the
 * rows as SPEC §3 reads them (empty text is null): every leaf must read `''` as NULL.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Predicate } from '../../src/compiler/ir.js';
import { getDialect, type Dialect } from '../../src/compiler/sql/index.js';
import { compilePredicate } from '../../src/compiler/sql/predicate.js';
import type { Row, Value } from '../../src/data/dataset.js';
import { createTableSql, familyLiteral, tableLayouts, type TableLayout } from '../../src/engines/sql-load.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { evaluatePredicate } from '../reference/model.js';
import { everyOperator, text } from './fixtures.js';
import { runnableSessions, type Session } from './sessions.js';

const schema = loadDefaultSchema();
const definition = everyOperator(schema);

/** Every node of a predicate tree, the root first. */
function nodes(p: Predicate): Predicate[] {
  switch (p.kind) {
    case 'and':
    case 'or':
      return [p, ...p.args.flatMap(nodes)];
    case 'not':
      return [p, ...nodes(p.arg)];
    default:
      return [p];
  }
}

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof(fc.constant(null), arb);
const ids = maybe(fc.constantFrom('A', 'B', 'a', ''));
const texts = maybe(fc.constantFrom('50%_off', 'é50%_off.com', 'x.com', 'é', '', 'E50%_OFF.COM', '50%xoff'));
const number = maybe(fc.constantFrom(-2.5, -2.5000000000000004, 0, 0.1, 0.30000000000000004, 1e21, 1.0000000000000002e21));
const multi = maybe(fc.constantFrom('AI;Cloud', 'Cloud;AI', 'AI', 'Data', 'AI;Data;Cloud', 'Cloudy', 'Security', 'AI;Security', ''));
const picklist = maybe(fc.constantFrom('Working', 'working', 'Retail', 'Other', 'Open', "It's \\ -- ; \"quoted\"", 'Proposal', ''));
const bool = maybe(fc.boolean());

function personRow(index: number, values: Record<string, Value>): Row {
  return { Id: `R${index}`, valid_from: '2025-01-01T00:00:00.000Z', ...values };
}

const leadRows: Row[] = fc
  .sample(
    fc.record({
      Status: picklist,
      AnnualRevenue: number,
      Score: number,
      OwnerId: ids,
      ConvertedContactId: ids,
      CurrentActivationId: ids,
      Industry: picklist,
      Country: texts,
      Email: texts,
      Interests: multi,
      IsConverted: bool,
    }),
    { numRuns: 300, seed: 20251126 },
  )
  .map((values, i) => personRow(i, values));

const contactRows: Row[] = fc
  .sample(fc.record({ Interests: multi, Title: texts, Email: texts, Score: number }), { numRuns: 200, seed: 7 })
  .map((values, i) => personRow(i, values));

const opportunityRows: Row[] = fc
  .sample(
    fc.record({
      CloseDate: maybe(fc.constantFrom('2025-01-30', '2025-01-31', '2025-02-01')),
      Amount: number,
      StageName: picklist,
      IsWon: bool,
    }),
    { numRuns: 100, seed: 11 },
  )
  .map((values, i) => personRow(i, values));

async function load(session: Session, d: Dialect, layout: TableLayout, rows: readonly Row[]): Promise<void> {
  await session.exec(createTableSql(layout, d, { orReplace: false }));
  const tuples = rows.map((row) => `(${layout.columns.map((c) => familyLiteral(d, c.family, row[c.name] ?? null)).join(', ')})`);
  await session.exec(`INSERT INTO ${d.quoteIdentifier(layout.table)} VALUES ${tuples.join(', ')}`);
}

/** A row as SPEC §3 reads it: empty text is null. */
function specRow(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([name, value]) => [name, value === '' ? null : value]));
}

const cases: { object: 'Lead' | 'Contact' | 'Opportunity'; rows: Row[]; predicate: Predicate }[] = [];
for (const stage of definition.stages) {
  for (const object of ['Lead', 'Contact', 'Opportunity'] as const) {
    const predicate = stage.criteria[object];
    if (predicate === undefined) continue;
    const rows = object === 'Lead' ? leadRows : object === 'Contact' ? contactRows : opportunityRows;
    for (const node of nodes(predicate)) {
      cases.push({ object, rows, predicate: node }, { object, rows, predicate: { kind: 'not', arg: node } });
    }
  }
}

// Leaves that tell empty text from NULL only through the empty literal (SPEC §3: '' is NULL,
// so `= ''` and `in ('')` never hold, and `contains ''` holds of every non-null text).
const emptyLiteral = text('');
const L = (name: string) => ({ kind: 'field', name, column: name, type: schema.objects.Lead.fields[name].type }) as const;
for (const predicate of [
  { kind: 'compare', op: '=', left: L('Email'), right: emptyLiteral },
  { kind: 'compare', op: '!=', left: emptyLiteral, right: L('Status') },
  { kind: 'in', negated: false, field: L('Status'), values: [text('Open'), emptyLiteral] },
  { kind: 'textMatch', op: 'contains', field: L('Email'), operand: emptyLiteral },
  { kind: 'textMatch', op: 'endsWith', field: L('Country'), operand: emptyLiteral },
] satisfies Predicate[]) {
  cases.push({ object: 'Lead', rows: leadRows, predicate }, { object: 'Lead', rows: leadRows, predicate: { kind: 'not', arg: predicate } });
}

const engines = runnableSessions();

for (const entry of engines) {
  describe(`predicates on ${entry.name}`, () => {
    const d = getDialect(entry.name);
    let session: Session;
    beforeAll(async () => {
      session = await entry.open();
      for (const layout of tableLayouts(schema)) {
        if (layout.object === 'Engagement') continue;
        const rows = layout.object === 'Lead' ? leadRows : layout.object === 'Contact' ? contactRows : opportunityRows;
        await load(session, d, layout, rows);
      }
    });
    afterAll(async () => {
      await session?.close();
    });

    it(`each of ${cases.length} sub-predicates and negations selects exactly what the reference model accepts`, async () => {
      for (const c of cases) {
        const where = compilePredicate(c.predicate, d, (f) => `v.${d.quoteIdentifier(f.name)}`);
        const table = d.quoteIdentifier(schema.objects[c.object].table);
        const selected = (await session.column(`SELECT v."Id" FROM ${table} AS v WHERE ${where}`)).map(String).sort();
        const expected = c.rows.filter((r) => evaluatePredicate(c.predicate, specRow(r))).map((r) => String(r.Id)).sort();
        expect(selected, `${c.object}: ${where}`).toEqual(expected);
      }
    });

    it('no compiled predicate is ever NULL', async () => {
      for (const c of cases) {
        const expr = compilePredicate(c.predicate, d, (f) => `v.${d.quoteIdentifier(f.name)}`);
        const table = d.quoteIdentifier(schema.objects[c.object].table);
        const [nulls] = await session.column(`SELECT COUNT(*) FROM ${table} AS v WHERE (${expr}) IS NULL`);
        expect(Number(nulls), expr).toBe(0);
      }
    });
  });
}
