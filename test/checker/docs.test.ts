/** docs/diagnostics.md lists exactly the codes the front end emits, and each has its test. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSource, formatDiagnostics } from '../../src/compiler/index.js';
import { loadDefaultSchema } from '../../src/schema/load.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

const emitted = new Set(
  [...filesUnder('src/grammar'), ...filesUnder('src/compiler/check')].flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'(SC\d{3})'/g)].map((m) => m[1])),
);
const documented = new Set([...readFileSync('docs/diagnostics.md', 'utf8').matchAll(/^## (SC\d{3})$/gm)].map((m) => m[1]));
const tested = new Set([...readFileSync('test/checker/codes.test.ts', 'utf8').matchAll(/it\("(SC\d{3}):/g)].map((m) => m[1]));

describe('diagnostic codes', () => {
  it('are all documented, and only those', () => {
    expect([...documented].sort()).toEqual([...emitted].sort());
  });

  it('each have a test', () => {
    expect([...tested].sort()).toEqual([...emitted].sort());
  });
});

describe('docs/diagnostics.md', () => {
  const doc = readFileSync('docs/diagnostics.md', 'utf8');
  const sections = [...doc.matchAll(/^## (SC\d{3})\n[\s\S]*?```stages\n([\s\S]*?)\n```\n\n```\n([\s\S]*?)```\n/gm)];

  it('has an example for every code', () => {
    expect(sections.map((m) => m[1]).sort()).toEqual([...documented].sort());
  });

  it.each(sections.map((m) => [m[1], m[2], m[3]] as const))('%s: the example output is what stages check prints', (code, source, output) => {
    const { diagnostics } = checkSource(source, { file: 'example.stages', schema: loadDefaultSchema() });
    expect(diagnostics.map((d) => d.code)).toContain(code);
    expect(formatDiagnostics(diagnostics, { 'example.stages': source })).toBe(output);
  });
});

describe('docs/language.md', () => {
  it('has examples that check clean', () => {
    const blocks = [...readFileSync('docs/language.md', 'utf8').matchAll(/```stages\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThan(0);
    for (const source of blocks) expect(checkSource(source, { file: 'doc.stages', schema: loadDefaultSchema() }).diagnostics).toEqual([]);
  });
});
