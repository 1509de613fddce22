/**
 * Hostile strings and identifiers executed on DuckDB and PostgreSQL (Malloy's escape
 * round-trip tests are the model): every literal and quoted name comes back unchanged, a
 * predicate on a hostile value matches exactly the rows holding it, and a schema whose table,
 * field and role names are hostile — with hostile labels, prefix and schema name — still
 * compiles to views that run and agree with the reference model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldRef, Predicate, TextMatchOp } from '../../src/compiler/ir.js';
import { compileSql, getDialect, VIEW_NAMES, type DialectName } from '../../src/compiler/sql/index.js';
import { compilePredicate } from '../../src/compiler/sql/predicate.js';
import type { Row } from '../../src/data/dataset.js';
import { createDuckDbEngine } from '../../src/engines/duckdb.js';
import type { Engine } from '../../src/engines/engine.js';
import { createPostgresEngine } from '../../src/engines/postgres.js';
import { createTableSql, tableLayouts } from '../../src/engines/sql-load.js';
import { referenceStamps } from '../reference/model.js';
import { toDataset } from '../scenarios/build.js';
import { getPgUrl } from '../support/pg.js';
import { duckDbSession, postgresSession, type Session } from './sessions.js';
import { adversarialDefinition, EVIL_NAMES, EVIL_RENAMES, EVIL_STRINGS, EVIL_VALID_FROM, evilSchema } from './adversarial-fixtures.js';

const pgUrl = getPgUrl();
const sessions: { name: DialectName; open: () => Promise<Session>; engine: () => Promise<Engine> }[] = [
  { name: 'duckdb', open: duckDbSession, engine: () => createDuckDbEngine() },
  ...(pgUrl === null
    ? []
    : [{ name: 'postgres' as const, open: () => postgresSession(pgUrl), engine: () => createPostgresEngine({ url: pgUrl }) }]),
];

const EMAIL: FieldRef = { kind: 'field', name: 'Email', column: 'Email', type: 'text' };

/** What each text predicate must select, decided in JavaScript (code points, exact, case-sensitive). */
function expectedMatch(op: '=' | '!=' | TextMatchOp, email: string | null, value: string): boolean {
  if (op === '!=') return email !== value;
  if (email === null) return false;
  switch (op) {
    case '=':
      return email === value;
    case 'contains':
      return email.includes(value);
    case 'startsWith':
      return email.startsWith(value);
    case 'endsWith':
      return email.endsWith(value);
  }
}

function predicateFor(op: '=' | '!=' | TextMatchOp, value: string): Predicate {
  const literal = { kind: 'literal', type: 'text', value } as const;
  return op === '=' || op === '!='
    ? { kind: 'compare', op, left: EMAIL, right: literal }
    : { kind: 'textMatch', op, field: EMAIL, operand: literal };
}

for (const entry of sessions) {
  describe(`hostile text on ${entry.name}`, () => {
    let session: Session;
    const dialect = getDialect(entry.name);
    const q = dialect.quoteIdentifier;
    beforeAll(async () => {
      session = await entry.open();
    });
    afterAll(async () => {
      await session?.close();
    });

    it('string literals round-trip exactly', async () => {
      for (const value of EVIL_STRINGS) {
        expect(await session.column(`SELECT ${dialect.stringLiteral(value)}`)).toEqual([value]);
      }
    });

    it('quoted identifiers round-trip exactly (as column and table names)', async () => {
      for (const name of [...EVIL_STRINGS, ...EVIL_NAMES]) {
        expect(await session.columnNames(`SELECT 1 AS ${q(name)}`)).toEqual([name]);
        await session.exec(`CREATE TABLE ${q(name)} (${q(name)} VARCHAR)`);
        await session.exec(`INSERT INTO ${q(name)} VALUES (${dialect.stringLiteral(name)})`);
        expect(await session.column(`SELECT ${q(name)} FROM ${q(name)}`)).toEqual([name]);
        await session.exec(`DROP TABLE ${q(name)}`);
      }
    });

    it('=, !=, contains, starts with, ends with on hostile values select exactly the right rows', async () => {
      const emails: (string | null)[] = [...EVIL_STRINGS, null];
      await session.exec('CREATE TABLE probe ("Id" INTEGER, "Email" VARCHAR)');
      await session.exec(
        `INSERT INTO probe VALUES ${emails.map((e, i) => `(${i}, ${e === null ? 'NULL' : dialect.stringLiteral(e)})`).join(', ')}`,
      );
      for (const value of EVIL_STRINGS) {
        for (const op of ['=', '!=', 'contains', 'startsWith', 'endsWith'] as const) {
          const where = compilePredicate(predicateFor(op, value), dialect, (f) => `v.${q(f.name)}`);
          const ids = (await session.column(`SELECT v."Id" FROM probe AS v WHERE ${where} ORDER BY v."Id"`)).map(Number);
          const expected = emails.flatMap((e, i) => (expectedMatch(op, e, value) ? [i] : []));
          expect(ids, `${op} ${JSON.stringify(value)}`).toEqual(expected);
        }
      }
      await session.exec('DROP TABLE probe');
    });

    it('views over a hostile schema, with a hostile prefix and schema name, are created twice and queryable', async () => {
      const definition = adversarialDefinition();
      for (const layout of tableLayouts(definition.schema)) {
        await session.exec(createTableSql(layout, dialect, { orReplace: false }));
      }
      const schemaName = `sch"'\\ema; --😀`;
      const prefix = "p'\"\\; --/*";
      await session.exec(`CREATE SCHEMA ${q(schemaName)}`);
      const script = compileSql(definition, { dialect: entry.name, prefix, schemaName });
      await session.exec(script);
      await session.exec(script); // re-runnable
      for (const view of VIEW_NAMES) {
        expect(await session.column(`SELECT COUNT(*) FROM ${q(schemaName)}.${q(prefix + view)}`)).toHaveLength(1);
      }
    });

    it('stamps over a hostile schema agree with the reference model', async () => {
      const definition = adversarialDefinition();
      const L = EVIL_RENAMES.Lead!.fields;
      const C = EVIL_RENAMES.Contact!.fields;
      const E = EVIL_RENAMES.Engagement!.fields;
      const O = EVIL_RENAMES.Opportunity!.fields;
      const journey = (id: string, day: number): Row => ({
        [E.Id]: id,
        [E.RecordType]: 'Activation',
        [E.CreatedDate]: `2025-01-0${day}T00:00:00.000Z`,
        [E.OwnerId]: `owner ${id}`,
      });
      const data = toDataset(
        {
          Engagement: EVIL_STRINGS.slice(0, 8).map((id, i) => journey(id, 1 + (i % 3))),
          Lead: EVIL_STRINGS.map((email, i) => ({
            [L.Id]: `lead ${email}`,
            [EVIL_VALID_FROM.Lead]: `2025-01-0${4 + (i % 3)}T00:00:00.000Z`,
            [L.CurrentActivationId]: EVIL_STRINGS[i % 8],
            [L.Email]: email,
            [L.Status]: i % 5 === 0 ? "Ro'uted\\" : 'New',
            OwnerId: email,
          })),
          Contact: [
            {
              [C.Id]: "c'1",
              [EVIL_VALID_FROM.Contact]: '2025-01-05T12:00:00.000Z',
              [C.Status]: "Work'ing",
              CurrentActivationId: EVIL_STRINGS[1],
              [C.OwnerId]: '--owner',
            },
          ],
          Opportunity: [
            {
              [O.Id]: "o'1",
              [EVIL_VALID_FROM.Opportunity]: '2025-01-07T00:00:00.000Z',
              [O.ActivationId]: EVIL_STRINGS[2],
              [O.IsWon]: true,
              [O.CloseDate]: '2025-02-01',
              OwnerId: 'o\\wner',
            },
          ],
        },
        evilSchema(),
      );
      const expected = referenceStamps(definition, data);
      expect(expected.filter((s) => s.stage === 2).length).toBeGreaterThan(3);
      const engine = await entry.engine();
      try {
        expect(await engine.stamps(definition, data)).toEqual(expected);
      } finally {
        await engine.close();
      }
    });
  });
}
