/**
 * Oracle 1 — every engine's `stage_stamps` equal the reference model's, for generated
 * definitions (rendered as `.stages` source and checked by the front end) × generated datasets.
 *
 * One session per engine for the whole run (no reconnecting per case), and several
 * independent datasets per definition are stacked into one load with `unionOfDatasets`
 * (disjoint ids), so the deep run reaches ≥ 10,000 definition×dataset pairs quickly. A
 * failure shrinks (fewer datasets, smaller ones, simpler predicates) and is written under
 * `.tmp/repro-<n>/` as files `stages run` reproduces.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/dataset.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import type { Schema } from '../../src/schema/types.js';
import { referenceStamps } from '../reference/model.js';
import { datasetArb, definitionArb, unionOfDatasets, type GeneratedDefinition } from '../support/arbitraries.js';
import { listEngines, type TestEngine } from '../support/engines.js';
import { CUSTOM_SCHEMA } from './custom-schema.js';
import { checkGenerated, checkProperty, DEEP, runParameters, stampDiff, writeRepro } from '../support/differential.js';

const defaultSchema = loadDefaultSchema();
const entries = (await listEngines()).filter((e) => e.name !== 'reference');

/** Datasets stacked per definition, and definitions per run (split across the schemas). Deep: 1,100 × 10 ≥ 10,000 pairs. */
const PER_DEFINITION = DEEP ? 10 : 3;
const RUNS = DEEP ? Number(process.env.STAGECRAFT_DEEP_RUNS ?? 1100) : 20;
/** Spark costs two to four seconds a case: the default run gives it the first cases of each schema only. */
const SPARK_CASES_PER_SCHEMA = DEEP ? Infinity : 3;

interface Case {
  readonly gen: GeneratedDefinition;
  readonly datasets: readonly Dataset[];
}

const SCHEMAS: readonly { readonly name: string; readonly schema: Schema; readonly share: number }[] = [
  { name: 'the default Salesforce schema', schema: defaultSchema, share: 0.8 },
  { name: 'a customer schema (renamed roles and tables, datetime criteria)', schema: CUSTOM_SCHEMA, share: 0.2 },
];

describe('oracle 1: every engine equals the reference model', () => {
  const sessions: TestEngine[] = [];
  let totalPairs = 0;
  beforeAll(async () => {
    for (const entry of entries) sessions.push(await entry.open());
  });
  afterAll(async () => {
    for (const session of sessions) await session.close();
    console.log(`oracle 1 total: ${totalPairs} definition×dataset pairs agreed on ${sessions.map((s) => s.name).join(', ')}`);
  });

  it.each(SCHEMAS)(
    `generated definition×dataset pairs on ${entries.map((e) => e.name).join(', ') || '(no engine)'}: $name`,
    async ({ schema, share }) => {
      const runs = Math.max(1, Math.round(RUNS * share));
      let pairs = 0;
      const pairsOn = new Map<string, number>();
      let sparkCases = 0;
      const started = Date.now();
      const arb = fc.record({
        gen: definitionArb(schema),
        datasets: fc.array(datasetArb(schema), { minLength: DEEP ? PER_DEFINITION : 1, maxLength: PER_DEFINITION }),
      });
      const property = fc.asyncProperty(arb, async ({ gen, datasets }: Case) => {
        const definition = checkGenerated(gen.source, schema);
        const data = unionOfDatasets(schema, datasets);
        const expected = referenceStamps(definition, data);
        const onSpark = sparkCases++ < SPARK_CASES_PER_SCHEMA;
        for (const session of sessions) {
          if (session.name.startsWith('spark') && !onSpark) continue;
          const diff = stampDiff(expected, await session.stamps(definition, data));
          if (diff !== null) throw new Error(`${session.name} disagrees with the reference model:\n${diff}`);
          pairsOn.set(session.name, (pairsOn.get(session.name) ?? 0) + datasets.length);
        }
        pairs += datasets.length;
        totalPairs += datasets.length;
      });
      await checkProperty(property, runParameters(runs) as fc.Parameters<[Case]>, (c, error) =>
        writeRepro(schema, c.gen.source, unionOfDatasets(schema, c.datasets), String(error)),
      );
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const perEngine = [...pairsOn].map(([name, n]) => `${name} ${n}`).join(', ');
      console.log(`oracle 1: ${pairs} definition×dataset pairs agreed (${perEngine}) in ${seconds} s`);
      expect(pairs).toBeGreaterThan(0);
      if (DEEP) expect(pairs).toBeGreaterThanOrEqual(runs * PER_DEFINITION);
    },
    DEEP ? 3_600_000 : 120_000,
  );
});
