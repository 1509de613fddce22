/**
 * Oracle 1 on warehouse-shaped tables. The engines' loaders normalise values as SPEC §3 says,
 * so oracle 1 (./engines.test.ts) never shows the views a microsecond or an empty string. Here
 * the same generated definitions × datasets reach the SQL tables and the TypeScript evaluator
 * as a warehouse may hold them — every instant with 0–999 extra microseconds, and some null
 * text values as `''` — while the reference model gets the dataset as §3 reads it. Every
 * target must give the reference model's stamps, and the wide views no `''` id. Spark (the
 * databricks views) takes the first cases of each schema in the default run and every case,
 * with ANSI mode on and off, in the deep run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCompiledDefinition } from '../../src/compiler/ts/index.js';
import type { Dataset, Row } from '../../src/data/dataset.js';
import { createEvaluator } from '../../src/runtime/index.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { OBJECT_NAMES, valueFamily, type ObjectName, type Schema } from '../../src/schema/types.js';
import { referenceStamps } from '../reference/model.js';
import { datasetArb, definitionArb, unionOfDatasets, type GeneratedDefinition } from '../support/arbitraries.js';
import { EMPTY_WIDE_IDS, selectStampsAsText, stampsFromTextRows, warehouseScript } from '../support/warehouse-tables.js';
import { runnableSessions, sparkSessions, type RunnableDialect, type Session } from '../sql/sessions.js';
import { CUSTOM_SCHEMA } from './custom-schema.js';
import { checkGenerated, checkProperty, DEEP, runParameters, stampDiff, writeRepro } from '../support/differential.js';

const RUNS = DEEP ? 300 : 25;
/** Spark costs two to four seconds a case: the default run gives it the first cases of each schema only, ANSI on. */
const SPARK_CASES_PER_SCHEMA = DEEP ? Infinity : 3;

/** What the warehouse stores in place of a value: `''` for a null text, extra digits for an instant. */
interface Perturbation {
  /** Per value, in row-major order: microseconds to add (0–999) or whether a null text becomes `''`. */
  readonly noise: readonly number[];
}

/** The dataset as a warehouse may hold it (same meaning under §3). */
function warehouseForm(schema: Schema, data: Dataset, { noise }: Perturbation): Dataset {
  let k = 0;
  const next = (): number => (noise.length === 0 ? 0 : noise[k++ % noise.length]);
  const out = {} as Record<ObjectName, Row[]>;
  for (const object of OBJECT_NAMES) {
    const def = schema.objects[object];
    const validFrom = 'validFrom' in def.roles ? def.roles.validFrom : undefined;
    out[object] = data[object].map((row) => {
      const copy: Record<string, Row[string]> = { ...row };
      for (const [name, value] of Object.entries(row)) {
        const type = name === validFrom ? 'datetime' : def.fields[name]?.type;
        if (type === undefined) continue;
        const n = next();
        if (type === 'datetime' && typeof value === 'string') {
          // `…SS.mmmZ` → `…SS.mmmuuuZ`: the same millisecond, finer.
          copy[name] = `${value.slice(0, -1)}${String(n % 1000).padStart(3, '0')}Z`;
        } else if (value === null && n % 2 === 0) {
          const family = valueFamily(type);
          if (family === 'text' || family === 'picklist' || family === 'multipicklist') copy[name] = '';
        }
      }
      return copy;
    });
  }
  return out as Dataset;
}

const SCHEMAS: readonly { readonly name: string; readonly schema: Schema; readonly share: number }[] = [
  { name: 'the default Salesforce schema', schema: loadDefaultSchema(), share: 0.7 },
  { name: 'a customer schema (datetime criteria fields)', schema: CUSTOM_SCHEMA, share: 0.3 },
];

const sqlEngines: { name: RunnableDialect; engine: string; open: () => Promise<Session> }[] = [
  ...runnableSessions(),
  ...sparkSessions({ ansiOff: DEEP }),
];

interface Case {
  readonly gen: GeneratedDefinition;
  readonly datasets: readonly Dataset[];
  readonly perturbation: Perturbation;
}

describe('oracle 1 on warehouse-shaped values (microseconds, empty text)', () => {
  const sessions: { name: RunnableDialect; engine: string; session: Session }[] = [];
  beforeAll(async () => {
    for (const { name, engine, open } of sqlEngines) sessions.push({ name, engine, session: await open() });
  }, 240_000); // Spark's JVM may still be starting
  afterAll(async () => {
    for (const { session } of sessions) await session.close();
  });

  it.each(SCHEMAS)(
    `the TypeScript evaluator and the ${sqlEngines.map((e) => e.engine).join(', ')} views equal the reference model: $name`,
    async ({ schema, share }) => {
      let pairs = 0;
      let sparkCases = 0;
      const arb = fc.record({
        gen: definitionArb(schema),
        datasets: fc.array(datasetArb(schema), { minLength: 1, maxLength: 3 }),
        perturbation: fc.record({ noise: fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 64 }) }),
      });
      const property = fc.asyncProperty(arb, async ({ gen, datasets, perturbation }: Case) => {
        const definition = checkGenerated(gen.source, schema);
        const data = unionOfDatasets(schema, datasets);
        const raw = warehouseForm(schema, data, perturbation);
        const expected = referenceStamps(definition, data);

        const ev = createEvaluator(await loadCompiledDefinition(definition));
        for (const object of OBJECT_NAMES) for (const row of raw[object]) ev.upsert(object, row);
        const tsDiff = stampDiff(expected, ev.stamps());
        if (tsDiff !== null) throw new Error(`ts disagrees with the reference model:\n${tsDiff}`);

        const onSpark = sparkCases++ < SPARK_CASES_PER_SCHEMA;
        for (const { name, engine, session } of sessions) {
          if (name === 'databricks' && !onSpark) continue;
          for (const statement of warehouseScript(definition, raw, name)) await session.exec(statement);
          const diff = stampDiff(expected, stampsFromTextRows(await session.rows(selectStampsAsText(name))));
          if (diff !== null) throw new Error(`${engine} disagrees with the reference model:\n${diff}`);
          for (const query of EMPTY_WIDE_IDS) {
            const [n] = await session.column(query);
            if (Number(n) !== 0) throw new Error(`${engine}: ${query} gave ${String(n)}`);
          }
        }
        pairs += datasets.length;
      });
      await checkProperty(property, runParameters(Math.max(1, Math.round(RUNS * share))) as fc.Parameters<[Case]>, (c, error) =>
        writeRepro(schema, c.gen.source, warehouseForm(schema, unionOfDatasets(schema, c.datasets), c.perturbation), String(error)),
      );
      expect(pairs).toBeGreaterThan(0);
    },
    DEEP ? 1_800_000 : 120_000,
  );
});
