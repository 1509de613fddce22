/**
 * The compiled script is re-runnable (CREATE OR REPLACE VIEW), also after the definition
 * changes which stages it stamps. PostgreSQL (like Redshift) refuses to replace a view with one
 * that drops, renames or retypes a column, so every view keeps the same columns whatever the
 * definition; Spark (databricks) runs it too. This runs a sequence of definitions over the same tables in one session and
 * checks each one's stamps.
 */
import { describe, expect, it } from 'vitest';
import { compileSql } from '../../src/compiler/sql/index.js';
import type { Dataset } from '../../src/data/dataset.js';
import { referenceStamps } from '../reference/model.js';
import { selectStampsAsText, stampsFromTextRows, warehouseScript } from '../support/warehouse-tables.js';
import { bool, definition, field, specExample, text } from './fixtures.js';
import { runnableSessions, sparkSessions } from './sessions.js';

const full = specExample();
const schema = full.schema;
/** Only the always-stamped stages 1 and 4. */
const minimal = definition({}, { schema });
/** Stages 3 and 6 only, stage 6 without `date follows`. */
const sparse = definition(
  {
    3: { criteria: { Lead: { kind: 'compare', op: '=', left: field(schema, 'Lead', 'Status'), right: text('Working') } } },
    6: { criteria: { Opportunity: { kind: 'compare', op: '=', left: field(schema, 'Opportunity', 'IsWon'), right: bool(true) } } },
  },
  { schema },
);

const at = (day: string) => `2025-01-${day}T00:00:00.000Z`;
const data: Dataset = {
  Engagement: [{ Id: 'E1', RecordType: 'Activation', OwnerId: 'u-e', CreatedDate: at('01'), CompletionDate: null }],
  Lead: [
    { Id: 'L1', OwnerId: 'u-l', CurrentActivationId: 'E1', Status: 'Open', valid_from: at('02') },
    { Id: 'L1', OwnerId: 'u-l', CurrentActivationId: 'E1', Status: 'Working', valid_from: at('03') },
  ],
  Contact: [],
  Opportunity: [
    { Id: 'O1', OwnerId: 'u-o', ActivationId: 'E1', Probability: 0, IsWon: false, CloseDate: '2025-02-01', valid_from: at('04') },
    { Id: 'O1', OwnerId: 'u-o', ActivationId: 'E1', Probability: 100, IsWon: true, CloseDate: '2025-02-03', valid_from: at('05') },
  ],
};

const sequence = [
  { name: 'every stage', def: full },
  { name: 'stages 1 and 4 only', def: minimal },
  { name: 'stages 3 and 6 only', def: sparse },
  { name: 'every stage again', def: full },
  { name: 'stages 1 and 4 again', def: minimal },
];

const engines = [...runnableSessions(), ...sparkSessions()];

describe('re-running the compiled script after the stages change', () => {
  it.each(engines)('replaces the views in place on $name', async ({ name, open }) => {
    const session = await open();
    try {
      // The tables (and the first views) once; afterwards only the compiled script, as a user re-runs it.
      for (const statement of warehouseScript(sequence[0].def, data, name)) await session.exec(statement);
      for (const [i, step] of sequence.entries()) {
        if (i > 0) await session.exec(compileSql(step.def, { dialect: name, pretty: false }));
        expect(stampsFromTextRows(await session.rows(selectStampsAsText(name))), step.name).toEqual(referenceStamps(step.def, data));
        expect(Number((await session.column('SELECT count(*) FROM engagement_stages'))[0]), step.name).toBe(1);
        expect(Number((await session.column('SELECT count(*) FROM opportunity_stages'))[0]), step.name).toBe(1);
      }
    } finally {
      await session.close();
    }
  }, 240_000); // Spark's JVM may still be starting
});
