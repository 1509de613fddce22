/**
 * The reporting views of SPEC §4.5 on DuckDB and PostgreSQL: `engagement_stages` (one row per
 * journey with its stages 1–3 and its primary opportunity's stages 4–6) and
 * `opportunity_stages` (one row per opportunity with its journey, stages 4–6 and the journey's
 * 1–3), `lead_stages` and `contact_stages` (one row per person: the journey its latest version
 * names, and that journey's row of engagement_stages).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSql, getDialect, type Dialect } from '../../src/compiler/sql/index.js';
import type { Row, Value } from '../../src/data/dataset.js';
import { createTableSql, familyLiteral, tableLayouts } from '../../src/engines/sql-load.js';
import { compareCodePoints } from '../../src/runtime/stamp.js';
import { engineCases } from './cases.js';
import { runnableSessions, type Session } from './sessions.js';

/** Timestamps as text (the same on both engines); rows are sorted in JavaScript by code point. */
const SELECT_ENGAGEMENT = `SELECT engagement_id, lead_id, contact_id,
  CAST(stage1_date AS VARCHAR) AS d1, stage1_owner_id AS o1, stage1_inferred AS i1,
  CAST(stage2_date AS VARCHAR) AS d2, stage2_owner_id AS o2, stage2_inferred AS i2,
  CAST(stage3_date AS VARCHAR) AS d3, stage3_owner_id AS o3, stage3_inferred AS i3,
  primary_opportunity_id,
  CAST(stage4_date AS VARCHAR) AS d4, stage4_owner_id AS o4, stage4_inferred AS i4,
  CAST(stage5_date AS VARCHAR) AS d5, stage5_owner_id AS o5, stage5_inferred AS i5,
  CAST(stage6_date AS VARCHAR) AS d6, stage6_owner_id AS o6, stage6_inferred AS i6
FROM engagement_stages`;

const SELECT_OPPORTUNITY = `SELECT opportunity_id, journey_id,
  CAST(stage4_date AS VARCHAR) AS d4, stage4_owner_id AS o4, stage4_inferred AS i4,
  CAST(stage5_date AS VARCHAR) AS d5, stage5_owner_id AS o5, stage5_inferred AS i5,
  CAST(stage6_date AS VARCHAR) AS d6, stage6_owner_id AS o6, stage6_inferred AS i6
FROM opportunity_stages`;

const SELECT_JOURNEY_STAGES = `SELECT
  CAST(stage1_date AS VARCHAR) AS d1, stage1_owner_id AS o1, stage1_inferred AS i1,
  CAST(stage2_date AS VARCHAR) AS d2, stage2_owner_id AS o2, stage2_inferred AS i2,
  CAST(stage3_date AS VARCHAR) AS d3, stage3_owner_id AS o3, stage3_inferred AS i3`;

const engines = runnableSessions();

for (const entry of engines) {
  describe(`wide views on ${entry.name}`, () => {
    const d = getDialect(entry.name);
    let session: Session;
    let rowsOf: (sql: string) => Promise<unknown[][]>;
    beforeAll(async () => {
      session = await entry.open();
      // Cases 1–3 of ./cases.ts together: a full journey, a back-filled one, a Contact and Leads
      // naming a journey, a dormant journey and an Influencing engagement.
      const loaded = engineCases.slice(0, 3);
      const first = loaded[0]!;
      for (const layout of tableLayouts(first.definition.schema)) {
        await session.exec(createTableSql(layout, d, { orReplace: false }));
        const rows: Row[] = loaded.flatMap((c) => c.data[layout.object]);
        if (rows.length === 0) continue;
        const tuples = rows.map((row) => `(${layout.columns.map((c) => familyLiteral(d, c.family, row[c.name] ?? null)).join(', ')})`);
        await session.exec(`INSERT INTO ${d.quoteIdentifier(layout.table)} VALUES ${tuples.join(', ')}`);
      }
      await session.exec(compileSql(first.definition, { dialect: entry.name }));
      rowsOf = async (sql) => (await session.rows(sql)).sort((x, y) => compareCodePoints(String(x[0]), String(y[0])));
    });
    afterAll(async () => {
      await session?.close();
    });

    it('engagement_stages: one row per journey, stages 1–3 and the primary opportunity’s 4–6', async () => {
      const rows = (await rowsOf(SELECT_ENGAGEMENT)).map(normalise);
      expect(rows).toEqual([
        ['E1', null, null,
          '2025-01-01 00:00:00', 'U-eng', false, '2025-01-03 00:00:00', 'U-l2', true, '2025-01-03 00:00:00', 'U-l2', false,
          'O1', '2025-01-05 00:00:00', 'U-o1', false, '2025-01-06 00:00:00', 'U-o2', false, '2025-01-10 00:00:00', 'U-o3', false],
        ['E2', null, null,
          '2025-01-02 00:00:00', 'U-eng', false, '2025-01-04 00:00:00', 'U-a', true, '2025-01-04 00:00:00', 'U-a', true,
          'O-a', '2025-01-04 00:00:00', 'U-a', false, '2025-01-04 00:00:00', 'U-a', true, '2025-01-04 00:00:00', 'U-a', false],
        ['E3', null, null,
          '2025-01-01 00:00:00', 'U-eng', false, '2025-01-02 00:00:00', 'U-contact', true, '2025-01-02 00:00:00', 'U-contact', false,
          null, null, null, null, null, null, null, null, null, null],
        ['E4', null, null,
          '2025-01-01 00:00:00', 'U-eng4', false, null, null, null, null, null, null,
          null, null, null, null, null, null, null, null, null, null],
      ]);
    });

    it('opportunity_stages: the journey’s stages 1–3 after the opportunity’s own', async () => {
      const journeys = new Map((await rowsOf(SELECT_ENGAGEMENT)).map(normalise).map((row) => [row[0], row.slice(3, 12)]));
      const rows = (await rowsOf(`${SELECT_JOURNEY_STAGES}, opportunity_id, journey_id FROM opportunity_stages`)).map(normalise);
      expect(rows.length).toBe(4);
      for (const row of rows) expect(row.slice(0, 9), String(row[9])).toEqual(journeys.get(row[10]) ?? Array(9).fill(null));
    });

    for (const [object, view] of [['Lead', 'lead_stages'], ['Contact', 'contact_stages']] as const) {
      it(`${view}: one row per ${object}, the journey of its latest version with stages 1–6`, async () => {
        const latest = new Map<string, Row>();
        for (const row of engineCases.slice(0, 3).flatMap((c) => c.data[object])) {
          const seen = latest.get(String(row.Id));
          if (seen === undefined || String(seen.valid_from) < String(row.valid_from)) latest.set(String(row.Id), row);
        }
        const journeys = new Map((await rowsOf(SELECT_ENGAGEMENT)).map(normalise).map((row) => [row[0], row.slice(3)]));
        const expected = [...latest.values()]
          .map((row) => {
            const journey = (row.CurrentActivationId as string | null) ?? null;
            return [row.Id, journey, ...(journeys.get(journey) ?? Array(19).fill(null))];
          })
          .sort((x, y) => compareCodePoints(String(x[0]), String(y[0])));
        const id = `${object.toLowerCase()}_id`;
        const rows = (await rowsOf(SELECT_ENGAGEMENT.replace('engagement_id, lead_id, contact_id,', `${id}, current_activation_id,`).replace('FROM engagement_stages', `FROM ${view}`))).map(normalise);
        expect(latest.size).toBeGreaterThan(0);
        expect(rows).toEqual(expected);
      });
    }

    it('opportunity_stages: one row per opportunity with the journey of its first version', async () => {
      const rows = (await rowsOf(SELECT_OPPORTUNITY)).map(normalise);
      expect(rows).toEqual([
        ['O-a', 'E2', '2025-01-04 00:00:00', 'U-a', false, '2025-01-04 00:00:00', 'U-a', true, '2025-01-04 00:00:00', 'U-a', false],
        ['O-b', 'E2', '2025-01-04 00:00:00', 'U-b', false, null, null, null, null, null, null],
        ['O-before', 'E2', '2025-01-01 00:00:00', 'U-early', false, null, null, null, null, null, null],
        ['O1', 'E1', '2025-01-05 00:00:00', 'U-o1', false, '2025-01-06 00:00:00', 'U-o2', false, '2025-01-10 00:00:00', 'U-o3', false],
      ]);
    });
  });
}

/** Engines print timestamps with or without `.000`; booleans may come back as true/false only. */
function normalise(row: unknown[]): unknown[] {
  return row.map((v) => (typeof v === 'string' ? v.replace(/\.000$/, '') : v));
}
