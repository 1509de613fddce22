import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSource } from '../../src/compiler/index.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { compareStampRows, type StampRow } from '../../src/runtime/stamp.js';
import { runCli } from '../support/cli.js';
import { createIntegrationProject, type IntegrationProject } from '../support/dbt-project.js';

const schema = loadDefaultSchema();
function check(file: string) {
  const r = checkSource(readFileSync(file, 'utf8'), { file, schema });
  if (r.definition === null) throw new Error(file);
  return r.definition;
}
async function stagesRun(file: string, data: string): Promise<StampRow[]> {
  const out = join(mkdtempSync(join(tmpdir(), 'stagecraft-run-')), 's.json');
  const r = await runCli(['run', file, '--data', data, '--out', out, '--quiet']);
  expect(r.code, r.err).toBe(0);
  return (JSON.parse(readFileSync(out, 'utf8')) as StampRow[]).sort(compareStampRows);
}

describe('dbt duckdb', () => {
  let project: IntegrationProject;
  afterAll(async () => { /* await project?.remove(); */ });
  it('acme', async () => {
    project = createIntegrationProject([{ packageName: 'acme_default', definition: check('examples/default.stages'), data: { folder: 'examples/acme' } }], { adapter: 'duckdb' });
    console.log(project.dir);
    let t = Date.now();
    for (const args of [['deps'], ['seed'], ['build']]) {
      const r = await project.dbt(args);
      console.log(args, Date.now() - t, r.code, r.log.slice(-3000));
      t = Date.now();
      expect(r.code).toBe(0);
    }
    const actual = await project.stamps('acme_default');
    const expected = await stagesRun('examples/default.stages', 'examples/acme');
    expect(actual.length).toBe(expected.length);
    expect(actual).toEqual(expected);
  }, 300_000);
});
