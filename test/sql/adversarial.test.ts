/**
 * Hostile strings and identifiers executed on DuckDB, PostgreSQL and Spark (Malloy's escape
 * round-trip tests are the model): every literal and quoted name comes back unchanged, a
 * predicate on a hostile value matches exactly the rows holding it, and a schema whose table,
 * field and role names are hostile — with hostile labels, prefix and schema name — still
 * compiles to views that run and agree with the reference model.
 *
 * Spark holds any quoted column name but only ASCII word characters in a relation name (the
 * databricks dialect's `relationNameProblem`): there, the hostile table names, prefix and
 * schema name must be refused — by Spark when created by hand, by `compileSql` when compiled —
 * and the views run over the same schema with those names spelt with `_` (`sparkSafeSchema`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldRef, Predicate, TextMatchOp } from '../../src/compiler/ir.js';
import { compileSql, getDialect, relationNameProblem, SqlNameError, VIEW_NAMES, type DialectName } from '../../src/compiler/sql/index.js';
import { compilePredicate } from '../../src/compiler/sql/predicate.js';
import type { Row } from '../../src/data/dataset.js';
import { createDuckDbEngine } from '../../src/engines/duckdb.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import type { Dataset } from '../../src/data/dataset.js';
import type { StampRow } from '../../src/runtime/stamp.js';
import { createPostgresEngine } from '../../src/engines/postgres.js';
import { createTableSql, tableLayouts } from '../../src/engines/sql-load.js';
import { referenceStamps } from '../reference/model.js';
import { toDataset } from '../scenarios/build.js';
import { DEEP } from '../support/differential.js';
import { getPgUrl } from '../support/pg.js';
import { createSparkEngine, getSparkPort, sparkSafeSchema } from '../support/spark.js';
import { duckDbSession, postgresSession, sparkSession, type Session } from './sessions.js';
import { adversarialDefinition, EVIL_NAMES, EVIL_RENAMES, EVIL_STRINGS, EVIL_VALID_FROM, evilSchema } from './adversarial-fixtures.js';

/** An error the engine itself raised (the Spark bridge passes Spark's errors on so), not a lost connection. */
const ENGINE_REFUSED = /^Spark: /;

interface StampEngine {
  stamps(definition: CheckedDefinition, data: Dataset): Promise<StampRow[]>;
  close(): Promise<void>;
}

const pgUrl = getPgUrl();
const sparkPort = getSparkPort();
/** Spark with ANSI mode on; off too in the deep run (the default run keeps Spark's share small). */
const sparkAnsi = DEEP ? [true, false] : [true];
const sessions: { name: DialectName; label: string; open: () => Promise<Session>; engine: () => Promise<StampEngine> }[] = [
  { name: 'duckdb', label: 'duckdb', open: duckDbSession, engine: () => createDuckDbEngine() },
  ...(pgUrl === null
    ? []
    : [{ name: 'postgres' as const, label: 'postgres', open: () => postgresSession(pgUrl), engine: () => createPostgresEngine({ url: pgUrl }) }]),
  ...(sparkPort === null
    ? []
    : sparkAnsi.map((ansi) => ({
        name: 'databricks' as const,
        label: ansi ? 'spark' : 'spark-ansi-off',
        open: () => sparkSession(sparkPort, { ansi }),
        engine: () => createSparkEngine(sparkPort, { ansi }),
      }))),
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

/** `names` split into groups in which no two names are equal ignoring case, in order. */
function caseDistinctGroups(names: readonly string[]): string[][] {
  const groups: string[][] = [];
  for (const name of names) {
    const group = groups.find((g) => !g.some((n) => n.toLowerCase() === name.toLowerCase()));
    if (group === undefined) groups.push([name]);
    else group.push(name);
  }
  return groups;
}

function predicateFor(op: '=' | '!=' | TextMatchOp, value: string): Predicate {
  const literal = { kind: 'literal', type: 'text', value } as const;
  return op === '=' || op === '!='
    ? { kind: 'compare', op, left: EMAIL, right: literal }
    : { kind: 'textMatch', op, field: EMAIL, operand: literal };
}

for (const entry of sessions) {
  describe(`hostile text on ${entry.label}`, () => {
    let session: Session;
    const dialect = getDialect(entry.name);
    const q = dialect.quoteIdentifier;
    const textType = dialect.columnTypes.text;
    beforeAll(async () => {
      session = await entry.open();
    }, 240_000); // Spark's JVM may still be starting
    afterAll(async () => {
      await session?.close();
    });

    // Few statements, each carrying many hostile values: on Spark every statement costs a
    // tenth of a second or more.
    it('string literals round-trip exactly', async () => {
      expect(await session.rows(`SELECT ${EVIL_STRINGS.map((v) => dialect.stringLiteral(v)).join(', ')}`)).toEqual([[...EVIL_STRINGS]]);
    });

    it('quoted identifiers round-trip exactly (as column and table names)', async () => {
      const names = [...new Set([...EVIL_STRINGS, ...EVIL_NAMES])];
      expect(await session.columnNames(`SELECT ${names.map((n, i) => `${i} AS ${q(n)}`).join(', ')}`)).toEqual(names);
      // Column names in a table, in groups without two names equal but for case (one table
      // cannot hold both on engines whose names are case-insensitive).
      for (const [g, group] of caseDistinctGroups(names).entries()) {
        await session.exec(`CREATE TABLE probe_names_${g} (${group.map((n) => `${q(n)} ${textType}`).join(', ')})`);
        await session.exec(`INSERT INTO probe_names_${g} VALUES (${group.map((n) => dialect.stringLiteral(n)).join(', ')})`);
        expect(await session.rows(`SELECT ${group.map(q).join(', ')} FROM probe_names_${g}`)).toEqual([group]);
        await session.exec(`DROP TABLE probe_names_${g}`);
      }
      for (const name of names) {
        if (relationNameProblem(dialect, name) !== null) {
          // The dialect refuses this table name because the engine does: check that it does.
          await expect(session.exec(`CREATE TABLE ${q(name)} (c ${textType})`), name).rejects.toThrow(ENGINE_REFUSED);
          continue;
        }
        await session.exec(`CREATE TABLE ${q(name)} (${q(name)} ${textType})`);
        await session.exec(`INSERT INTO ${q(name)} VALUES (${dialect.stringLiteral(name)})`);
        expect(await session.column(`SELECT ${q(name)} FROM ${q(name)}`)).toEqual([name]);
        await session.exec(`DROP TABLE ${q(name)}`);
      }
    });

    it('=, !=, contains, starts with, ends with on hostile values select exactly the right rows', async () => {
      const emails: (string | null)[] = [...EVIL_STRINGS, null];
      const ops = ['=', '!=', 'contains', 'startsWith', 'endsWith'] as const;
      await session.exec(`CREATE TABLE probe (${q('Id')} INTEGER, ${q('Email')} ${textType})`);
      await session.exec(
        `INSERT INTO probe VALUES ${emails.map((e, i) => `(${i}, ${e === null ? 'NULL' : dialect.stringLiteral(e)})`).join(', ')}`,
      );
      for (const value of EVIL_STRINGS) {
        // One query per value: the rows each operator selects, tagged with the operator's index.
        const branches = ops.map((op, k) => {
          const where = compilePredicate(predicateFor(op, value), dialect, (f) => `v.${q(f.name)}`);
          return `SELECT ${k} AS op, v.${q('Id')} AS id FROM probe AS v WHERE ${where}`;
        });
        const selected = await session.rows(branches.join(' UNION ALL '));
        for (const [k, op] of ops.entries()) {
          const ids = selected.filter((r) => Number(r[0]) === k).map((r) => Number(r[1])).sort((a, b) => a - b);
          const expected = emails.flatMap((e, i) => (expectedMatch(op, e, value) ? [i] : []));
          expect(ids, `${op} ${JSON.stringify(value)}`).toEqual(expected);
        }
      }
      await session.exec('DROP TABLE probe');
    });

    it('views over a hostile schema, with a hostile prefix and schema name, are created twice and queryable', async () => {
      const hostileSchemaName = `sch"'\\ema; --😀`;
      const hostilePrefix = "p'\"\\; --/*";
      let definition = adversarialDefinition();
      let schemaName = hostileSchemaName;
      let prefix = hostilePrefix;
      if (relationNameProblem(dialect, hostilePrefix) !== null) {
        expect(() => compileSql(definition, { dialect: entry.name })).toThrow(SqlNameError);
        expect(() => compileSql(adversarialDefinition(sparkSafeSchema(evilSchema())), { dialect: entry.name, prefix })).toThrow(SqlNameError);
        expect(() => compileSql(adversarialDefinition(sparkSafeSchema(evilSchema())), { dialect: entry.name, schemaName })).toThrow(SqlNameError);
        await expect(session.exec(`CREATE SCHEMA ${q(hostileSchemaName)}`)).rejects.toThrow(ENGINE_REFUSED);
        definition = adversarialDefinition(sparkSafeSchema(evilSchema()));
        schemaName = `stagecraft_adversarial_${process.pid}`;
        prefix = 'p_';
      }
      for (const layout of tableLayouts(definition.schema)) {
        await session.exec(createTableSql(layout, dialect, { orReplace: false }));
      }
      await session.exec(`CREATE SCHEMA ${q(schemaName)}`);
      const script = compileSql(definition, { dialect: entry.name, prefix, schemaName });
      await session.exec(script);
      await session.exec(script); // re-runnable
      for (const view of VIEW_NAMES) {
        expect(await session.column(`SELECT COUNT(*) FROM ${q(schemaName)}.${q(prefix + view)}`)).toHaveLength(1);
      }
      if (entry.name === 'databricks') await session.exec(`DROP SCHEMA ${q(schemaName)} CASCADE`);
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
