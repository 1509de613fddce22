/**
 * Property: for generated definitions (unused and absent stages among them) × generated datasets
 * (empty ones, journeys that skip stages, opportunities without a journey), the JSON of
 * `stages report --owner` on the duckdb engine and on the ts engine equals SPEC §4.7 computed
 * by brute force from the stamps (`../support/funnel-reference.ts`), with and without a
 * stage-1 window. A failure shrinks and is written under `.tmp/repro-<n>/`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/dataset.js';
import type { ReportWindow } from '../../src/data/duckdb/funnel-measures.js';
import { stampDataFolder } from '../../src/engines/run.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { OBJECT_NAMES } from '../../src/schema/types.js';
import { datasetArb, definitionArb, SMALL, type GeneratedDefinition } from '../support/arbitraries.js';
import { runCli } from '../support/cli.js';
import { checkGenerated, checkProperty, datasetCsv, DEEP, runParameters, writeRepro } from '../support/differential.js';
import { byOwner, expectMeasuresEqual, readStamps, referenceMeasures, referenceOwners } from '../support/funnel-reference.js';

const schema = loadDefaultSchema();
const RUNS = DEEP ? 300 : 30;
const root = mkdtempSync(join(tmpdir(), 'funnel-property-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Stage-1 days around the generated instants (2025-01-01 … 2025-01-06, and 1969-12-31). */
const DAYS = ['1969-12-31', '2025-01-01', '2025-01-02', '2025-01-03', '2025-01-05', '2025-01-06'];
const windowArb: fc.Arbitrary<ReportWindow> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS)).map(([a, b]): ReportWindow => (a <= b ? { from: a, to: b } : { from: b, to: a })) },
  { weight: 1, arbitrary: fc.constantFrom(...DAYS).map((from): ReportWindow => ({ from })) },
);
const EMPTY: Dataset = { Engagement: [], Lead: [], Contact: [], Opportunity: [] };

interface Case {
  readonly gen: GeneratedDefinition;
  readonly data: Dataset;
  readonly window: ReportWindow;
}
const caseArb: fc.Arbitrary<Case> = fc.record({
  gen: definitionArb(schema),
  data: fc.oneof({ weight: 9, arbitrary: datasetArb(schema, SMALL) }, { weight: 1, arbitrary: fc.constant(EMPTY) }),
  window: windowArb,
});

let cases = 0;
/** Cases where some journey reaches a stage past the first: the generator must reach them. */
let deeper = 0;
async function holds({ gen, data, window }: Case): Promise<boolean> {
  const definition = checkGenerated(gen.source, schema);
  const dir = mkdtempSync(join(root, 'case-'));
  try {
    const file = join(dir, 'definition.stages');
    writeFileSync(file, gen.source);
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    for (const object of OBJECT_NAMES) writeFileSync(join(dataDir, `${schema.objects[object].table}.csv`), datasetCsv(schema, object, data[object]));
    const run = await stampDataFolder(definition, dataDir, { engine: 'duckdb' });
    let stamped;
    try {
      stamped = await readStamps(run.session.connection);
    } finally {
      await run.session.close();
    }
    const expected = referenceMeasures(definition, stamped.stamps, stamped.primary, window);
    const expectedOwners = byOwner(referenceOwners(definition, stamped.stamps, stamped.primary, window));
    const flags = [...(window.from === undefined ? [] : ['--from', window.from]), ...(window.to === undefined ? [] : ['--to', window.to])];
    for (const engine of ['duckdb', 'ts']) {
      const out = join(dir, `${engine}.json`);
      const result = await runCli(['report', file, '--data', dataDir, '--engine', engine, '--owner', ...flags, '--out', out]);
      expect(result.code, result.err).toBe(0);
      const report = JSON.parse(readFileSync(out, 'utf8'));
      const { funnel, conversion, velocity, cohorts, opportunities } = report;
      expectMeasuresEqual({ funnel, conversion, velocity, cohorts, opportunities }, expected);
      expect(byOwner(report.owners)).toEqual(expectedOwners);
    }
    cases++;
    if (expected.funnel.slice(1).some((f) => f.journeys > 0)) deeper++;
    return true;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('stages report numbers (property)', () => {
  it(`equal SPEC §4.7 by brute force on the duckdb and ts engines, ${RUNS} generated cases`, async () => {
    const property = fc.asyncProperty(caseArb, holds);
    await checkProperty(property, runParameters(RUNS) as fc.Parameters<[Case]>, (c, error) =>
      writeRepro(schema, c.gen.source, c.data, `stages report numbers differ from SPEC §4.7 (window ${JSON.stringify(c.window)}):\n${String(error)}`),
    );
    expect(cases).toBeGreaterThan(0);
    expect(deeper).toBeGreaterThan(cases / 5);
  }, DEEP ? 3_600_000 : 300_000);
});
