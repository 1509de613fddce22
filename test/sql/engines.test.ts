/**
 * The SQL engines end to end on hand-written cases (./cases.ts): DuckDB always, PostgreSQL
 * on the throwaway test cluster (skipped loudly when no PostgreSQL binaries exist outside CI).
 * The reference model runs the same cases, so a disagreement points at the engine, not the case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbEngine } from '../../src/engines/duckdb.js';
import { createPostgresEngine } from '../../src/engines/postgres.js';
import type { Engine } from '../../src/engines/engine.js';
import { referenceStamps } from '../reference/model.js';
import { getPgUrl } from '../support/pg.js';
import { engineCases } from './cases.js';

describe('hand-written cases on the reference model', () => {
  it.each(engineCases)('$name', (c) => {
    expect(referenceStamps(c.definition, c.data)).toEqual(c.expected);
  });
});

const pgUrl = getPgUrl();
const engines: { name: string; open: () => Promise<Engine> }[] = [
  { name: 'duckdb', open: () => createDuckDbEngine() },
  // A user's case-insensitive default collation must not change a text tie-break: the views'
  // least-row keys compare text by bytes (SPEC §4.3: code point order).
  { name: 'duckdb with default_collation nocase', open: () => createDuckDbEngine({ config: { default_collation: 'nocase' } }) },
  ...(pgUrl === null ? [] : [{ name: 'postgres', open: () => createPostgresEngine({ url: pgUrl }) }]),
];

for (const entry of engines) {
  describe(`hand-written cases on ${entry.name}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await entry.open();
    });
    afterAll(async () => {
      await engine?.close();
    });
    it.each(engineCases)('$name', async (c) => {
      expect(await engine.stamps(c.definition, c.data)).toEqual(c.expected);
    });
  });
}
