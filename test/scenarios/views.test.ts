/**
 * The wide reporting views (SPEC §4.5) over the shared scenario table, on every executed SQL
 * engine: `lead_stages` / `contact_stages` hold, for each person, the journey its latest version
 * names and that journey's stamps 1–3 plus its primary opportunity's 4–6; `opportunity_stages`
 * holds each opportunity's own stamps 4–6 and its journey's 1–3. The expected rows are derived
 * from the scenario's hand-written stamps; the primary opportunity is engagement_stages' own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/compiler/index.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import type { Row } from '../../src/data/dataset.js';
import { isoFromTimestampText } from '../../src/engines/sql-load.js';
import { compareCodePoints, type StampRow } from '../../src/runtime/stamp.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { runnableSessions, type Session } from '../sql/sessions.js';
import { warehouseScript } from '../support/warehouse-tables.js';
import { toDataset } from './build.js';
import { scenarios } from './table.js';

const schema = loadDefaultSchema();

function definitionOf(source: string, name: string): CheckedDefinition {
  const result = checkSource(source, { file: `${name}.stages`, schema });
  if (result.definition === null) throw new Error(`scenario ${name} does not check`);
  return result.definition;
}

const STAGE_COLUMNS = (ks: number[]) =>
  ks.map((k) => `CAST(stage${k}_date AS VARCHAR), stage${k}_owner_id, stage${k}_inferred`).join(', ');

/** (date, owner, inferred) of the stamp `object`/`id`/`stage`, or three nulls. */
function stampCells(stamps: readonly StampRow[], object: string, id: unknown, stage: number): unknown[] {
  const s = stamps.find((r) => r.object === object && r.record_id === id && r.stage === stage);
  return s === undefined ? [null, null, null] : [s.stage_date, s.owner_id, s.inferred];
}

/** View rows with every date cell as an ISO instant; sorted by the first column. */
function normalised(rows: unknown[][], dateColumns: Set<number>): unknown[][] {
  return rows
    .map((row) => row.map((v, i) => (dateColumns.has(i) && v !== null ? isoFromTimestampText(String(v)) : v)))
    .sort((x, y) => compareCodePoints(String(x[0]), String(y[0])));
}

/** The latest version of each record of `rows`, by valid_from. */
function latestVersions(rows: readonly Row[]): Row[] {
  const latest = new Map<string, Row>();
  for (const row of rows) {
    const seen = latest.get(String(row.Id));
    if (seen === undefined || String(seen.valid_from) < String(row.valid_from)) latest.set(String(row.Id), row);
  }
  return [...latest.values()];
}

const dates = (offset: number, n: number) => new Set(Array.from({ length: n }, (_, i) => offset + 3 * i));

for (const entry of runnableSessions()) {
  describe(`wide views over the scenario table on ${entry.name}`, () => {
    let session: Session;
    beforeAll(async () => {
      session = await entry.open();
    });
    afterAll(async () => {
      await session?.close();
    });

    it.each(scenarios)('$name', async (s) => {
      const definition = definitionOf(s.stages, s.name);
      const data = toDataset(s.data, schema);
      for (const statement of warehouseScript(definition, data, entry.name)) await session.exec(statement);
      const primary = new Map((await session.rows('SELECT engagement_id, primary_opportunity_id FROM engagement_stages')).map((r) => [r[0], r[1]]));
      const journeyCells = (journey: unknown) => [1, 2, 3].flatMap((k) => stampCells(s.expected, 'engagement', journey, k));
      const opportunityCells = (id: unknown) => [4, 5, 6].flatMap((k) => stampCells(s.expected, 'opportunity', id, k));

      for (const [object, view] of [['Lead', 'lead_stages'], ['Contact', 'contact_stages']] as const) {
        const id = `${object.toLowerCase()}_id`;
        const actual = normalised(
          await session.rows(`SELECT ${id}, current_activation_id, primary_opportunity_id, ${STAGE_COLUMNS([1, 2, 3, 4, 5, 6])} FROM ${view}`),
          dates(3, 6),
        );
        const expected = latestVersions(data[object])
          .map((row) => {
            const journey = row.CurrentActivationId ?? null;
            const opp = primary.get(journey) ?? null;
            return [row.Id, journey, opp, ...journeyCells(journey), ...opportunityCells(opp)];
          })
          .sort((x, y) => compareCodePoints(String(x[0]), String(y[0])));
        expect(actual, view).toEqual(expected);
      }

      const opportunities = normalised(
        await session.rows(`SELECT opportunity_id, journey_id, ${STAGE_COLUMNS([4, 5, 6, 1, 2, 3])} FROM opportunity_stages`),
        dates(2, 6),
      );
      for (const row of opportunities) {
        expect(row.slice(2), String(row[0])).toEqual([...opportunityCells(row[0]), ...journeyCells(row[1])]);
      }
      expect(opportunities.length).toBe(new Set(data.Opportunity.map((r) => r.Id)).size);
    });
  });
}
