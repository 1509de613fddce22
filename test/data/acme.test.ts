/**
 * examples/acme is generated: the committed files must be exactly what the committed
 * generator writes (so nobody hand-edits one without the other), and must load cleanly.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDatasetWithReport } from '../../src/data/load.js';
import { loadDefaultSchema } from '../../src/schema/load.js';

const TABLES = ['engagement', 'lead', 'contact', 'opportunity'];
const out = mkdtempSync(join(tmpdir(), 'stagecraft-acme-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('examples/acme', () => {
  it('is byte-identical to a fresh run of examples/generate-acme.mjs', () => {
    execFileSync(process.execPath, ['examples/generate-acme.mjs', out], { stdio: 'pipe' });
    for (const table of TABLES) {
      const fresh = readFileSync(join(out, `${table}.csv`));
      const committed = readFileSync(join('examples/acme', `${table}.csv`));
      expect(fresh.equals(committed), `${table}.csv differs: run node examples/generate-acme.mjs`).toBe(true);
    }
  });

  it('loads without a single data problem and stays small enough to commit', async () => {
    const { sources, dataset } = await loadDatasetWithReport('examples/acme', loadDefaultSchema());
    expect(sources.every((s) => s.format === 'csv')).toBe(true);
    const journeys = dataset.Engagement.filter((e) => e.RecordType === 'Activation').length;
    expect(journeys).toBeGreaterThan(4500);
    const bytes = TABLES.reduce((sum, t) => sum + statSync(join('examples/acme', `${t}.csv`)).size, 0);
    expect(bytes).toBeLessThan(8 * 1024 * 1024);
  });
});
