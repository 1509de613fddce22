/**
 * A reproduction is only useful if `stages run` really reproduces it: generated cases written
 * with `writeRepro` load back (through the real CSV loader) as the same dataset, and
 * `stages run` on them (in-process, DuckDB and TypeScript engines) prints the reference stamps.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import type { Dataset, Row } from '../../src/data/dataset.js';
import { loadDataset } from '../../src/data/load.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { OBJECT_NAMES } from '../../src/schema/types.js';
import { referenceStamps } from '../reference/model.js';
import { datasetArb, definitionArb } from '../support/arbitraries.js';
import { CUSTOM_SCHEMA } from './custom-schema.js';
import { checkGenerated, writeRepro } from '../support/differential.js';

const defaultSchema = loadDefaultSchema();

function sortedRows(rows: readonly Row[]): string[] {
  return rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)))).sort();
}

function capture(): CliIo & { text: () => string } {
  let text = '';
  return { out: (t) => void (text += t), err: (t) => void (text += t), isTTY: false, text: () => text };
}

describe('reproductions written by the differential tests', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stagecraft-repro-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each([
    { name: 'default schema', schema: defaultSchema },
    { name: 'customer schema', schema: CUSTOM_SCHEMA },
  ])('load back as the same dataset and `stages run` gives the reference stamps: $name', async ({ schema }) => {
    const cases = fc.sample(fc.record({ gen: definitionArb(schema), data: datasetArb(schema) }), { numRuns: 3, seed: 5 });
    for (const { gen, data } of cases) {
      const dir = writeRepro(schema, gen.source, data, 'round-trip test', root);
      const loaded: Dataset = await loadDataset(dir, schema);
      for (const object of OBJECT_NAMES) expect(sortedRows(loaded[object])).toEqual(sortedRows(data[object]));
      const expected = referenceStamps(checkGenerated(gen.source, schema), data);
      for (const engine of ['duckdb', 'ts']) {
        const out = join(dir, `stamps-${engine}.json`);
        const io = capture();
        const args = ['run', join(dir, 'definition.stages'), '--schema', join(dir, 'schema.json'), '--data', dir, '--engine', engine, '--out', out, '--quiet'];
        const code = await main(args, io);
        expect(code, io.text()).toBe(0);
        expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(expected);
      }
    }
  }, 120_000);
});
