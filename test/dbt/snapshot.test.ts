/**
 * The snapshot recipe of docs/dbt.md, run for real on dbt-duckdb: a raw replica of Lead (its
 * current state only) is snapshotted with the timestamp strategy on `SystemModstamp`, changed,
 * snapshotted again; the package, compiled with a schema whose Lead `validFrom` role is
 * `dbt_valid_from` and pointed at the snapshot by its identifier var, stamps the version the
 * snapshots caught exactly as `stages run`'s engine does on the same versions.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageVars } from '../../src/compiler/dbt/index.js';
import type { Dataset, Row } from '../../src/data/dataset.js';
import { createDuckDbEngine } from '../../src/engines/duckdb.js';
import { loadDefaultSchema, validateSchema } from '../../src/schema/load.js';
import { checkDefinition, expectCleanRun } from '../support/dbt-cases.js';
import { createIntegrationProject, type IntegrationProject } from '../support/dbt-project.js';
import { activation, day, opportunity, toDataset } from '../scenarios/build.js';

const base = loadDefaultSchema();
/** The default schema with Lead read from a snapshot: table `lead_versions`, `validFrom` = `dbt_valid_from`. */
const schema = validateSchema(
  (() => {
    const json = JSON.parse(JSON.stringify(base));
    json.objects.Lead.table = 'lead_versions';
    json.objects.Lead.roles.validFrom = 'dbt_valid_from';
    return json;
  })(),
  'snapshot schema',
);

const SOURCE = `stage 2 "MQL" {
  lead when Status in ('Open', 'Routed')
}
stage 3 "SAL" {
  lead when Status = 'Working'
}
`;

/** The replica's Lead rows at one moment: the current state of each lead, with its modification instant. */
const REPLICA_COLUMNS = ['Id', 'OwnerId', 'CurrentActivationId', 'Status', 'SystemModstamp'] as const;
function replica(rows: readonly (readonly string[])[]): string {
  return `${[REPLICA_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`;
}
const FIRST = replica([
  ['L1', 'U-1', 'E1', 'New', '2025-01-02 00:00:00'],
  ['L2', 'U-2', 'E2', 'Open', '2025-01-02 00:00:00'],
]);
/** L1 moved to Open, L2 to Working; a lead appeared. */
const SECOND = replica([
  ['L1', 'U-1', 'E1', 'Open', '2025-01-03 00:00:00'],
  ['L2', 'U-3', 'E2', 'Working', '2025-01-04 12:00:00'],
  ['L3', 'U-4', 'E3', 'Working', '2025-01-05 00:00:00'],
]);

/** The versions the two snapshots hold, as `stages run` would read them. */
function lead(id: string, owner: string, journey: string, status: string, validFrom: string): Row {
  return { Id: id, OwnerId: owner, CurrentActivationId: journey, Status: status, dbt_valid_from: validFrom };
}
const VERSIONS = [
  lead('L1', 'U-1', 'E1', 'New', day(2)),
  lead('L2', 'U-2', 'E2', 'Open', day(2)),
  lead('L1', 'U-1', 'E1', 'Open', day(3)),
  lead('L2', 'U-3', 'E2', 'Working', '2025-01-04T12:00:00.000Z'),
  lead('L3', 'U-4', 'E3', 'Working', day(5)),
];
const DATA: Dataset = toDataset(
  {
    Engagement: [activation('E1', day(1), 'U-eng'), activation('E2', day(1), 'U-eng'), activation('E3', day(1), 'U-eng')],
    Lead: VERSIONS,
    Opportunity: [opportunity('O1', day(6), { OwnerId: 'U-opp', ActivationId: 'E1', Probability: 0 })],
  },
  schema,
);

const SNAPSHOTS = `snapshots:
  - name: lead_versions
    relation: ref('raw_lead')
    config:
      schema: raw
      unique_key: Id
      strategy: timestamp
      updated_at: SystemModstamp
`;

describe('the dbt snapshot recipe on dbt-duckdb', () => {
  const definition = checkDefinition(SOURCE, 'snapshot.stages', schema);
  let project: IntegrationProject;
  beforeAll(() => {
    project = createIntegrationProject([{ packageName: 'from_snapshots', definition, data: { dataset: DATA } }], { adapter: 'duckdb' }, {
      seeds: {
        raw_lead: {
          csv: FIRST,
          columnTypes: { Id: 'VARCHAR', OwnerId: 'VARCHAR', CurrentActivationId: 'VARCHAR', Status: 'VARCHAR', SystemModstamp: 'TIMESTAMP' },
        },
      },
      files: { 'snapshots/salesforce.yml': SNAPSHOTS },
      vars: { [packageVars('from_snapshots').identifier('Lead')]: 'lead_versions' },
    });
  });
  afterAll(async () => {
    await project?.remove();
  });

  it('two snapshots of a changing replica feed the package: its stamps equal stages run on those versions', async () => {
    expectCleanRun(await project.dbt(['deps']), 'dbt deps');
    expectCleanRun(await project.dbt(['seed']), 'dbt seed');
    expectCleanRun(await project.dbt(['snapshot']), 'dbt snapshot');
    writeFileSync(join(project.dir, 'seeds', 'raw_lead.csv'), SECOND);
    expectCleanRun(await project.dbt(['seed', '--select', 'raw_lead']), 'dbt seed (changed replica)');
    expectCleanRun(await project.dbt(['snapshot']), 'dbt snapshot (second)');
    expectCleanRun(await project.dbt(['build', '--select', 'package:from_snapshots']), 'dbt build');
    const engine = await createDuckDbEngine();
    try {
      const expected = await engine.stamps(definition, DATA);
      const stamps = (await project.stamps(['from_snapshots'])).get('from_snapshots');
      expect(stamps).toEqual(expected);
      // L1 reached MQL when the second snapshot saw it Open (its SAL is back-filled from O1);
      // L2's SAL owner is its new owner.
      expect(stamps!.filter((s) => s.stage === 2 || s.stage === 3).map((s) => [s.record_id, s.stage, s.stage_date, s.owner_id])).toEqual([
        ['E1', 2, day(3), 'U-1'],
        ['E1', 3, day(6), 'U-opp'],
        ['E2', 2, day(2), 'U-2'],
        ['E2', 3, '2025-01-04T12:00:00.000Z', 'U-3'],
        ['E3', 2, day(5), 'U-4'],
        ['E3', 3, day(5), 'U-4'],
      ]);
    } finally {
      await engine.close();
    }
  }, 300_000);
});
