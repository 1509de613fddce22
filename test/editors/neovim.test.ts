/**
 * A real editor on `stages lsp`: headless Neovim (Debian's `neovim`, installed by `.ci/run`)
 * with its built-in LSP client, driven by `neovim-client.lua`, opens a file with a misspelled
 * field, fixes it by an incremental edit, asks for a hover and a completion and formats the
 * buffer. The test asserts what the editor itself ended up holding.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatStages } from '../../src/grammar/format.js';

interface EditorDiagnostic { line: number; col: number; end_col: number; code: string; severity: number; message: string }
interface EditorView {
  opened: EditorDiagnostic[];
  edited: EditorDiagnostic[];
  hover: { contents: { value: string } | string } | null;
  completion: { label: string; detail?: string }[] | { items: { label: string; detail?: string }[] } | null;
  formatted: string;
  error?: string;
}

const MESSY = "stage 2 \"MQL\" {\n  lead when Stauts = 'Open'   AND  Rating = 'Hot'\n}\n";
const FIXED = MESSY.replace('Stauts', 'Status');

function neovimSees(source: string): EditorView {
  if (spawnSync('nvim', ['--version']).status !== 0) throw new Error('nvim not found: install the Debian package neovim (.ci/run does)');
  if (!existsSync('dist/cli/main.js')) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  const dir = mkdtempSync(join(tmpdir(), 'stages-nvim-'));
  writeFileSync(join(dir, 'planted.stages'), source);
  const out = join(dir, 'seen.json');
  const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', resolve('test/editors/neovim-client.lua'), 'planted.stages'], {
    cwd: dir,
    env: { ...process.env, STAGES_NVIM_OUT: out, STAGES_SERVER: resolve('bin/stages.js') },
    timeout: 60_000,
    encoding: 'utf8',
  });
  if (!existsSync(out)) throw new Error(`nvim wrote nothing (exit ${run.status}): ${run.stderr}${run.stdout}`);
  const seen = JSON.parse(readFileSync(out, 'utf8')) as EditorView;
  if (seen.error) throw new Error(`the Neovim script failed: ${seen.error}`);
  return seen;
}

describe('Neovim with stages lsp', () => {
  test('shows the checker\'s diagnostics, clears them after an edit, hovers, completes and formats', () => {
    const seen = neovimSees(MESSY);
    expect(seen.opened).toEqual([
      { line: 1, col: 12, end_col: 18, code: 'SC201', severity: 1, message: "unknown field 'Stauts' on Lead; did you mean 'Status'?" },
    ]);
    expect(seen.edited).toEqual([]);
    const hover = typeof seen.hover?.contents === 'string' ? seen.hover.contents : seen.hover?.contents.value;
    expect(hover).toContain('picklist');
    expect(hover).toContain('Open');
    const items = Array.isArray(seen.completion) ? seen.completion : seen.completion?.items ?? [];
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['Status', 'Rating', 'LeadSource']));
    const canonical = formatStages(FIXED);
    expect(canonical.ok && canonical.text).toBe("stage 2 \"MQL\" {\n  lead when Status = 'Open' and Rating = 'Hot'\n}\n");
    expect(seen.formatted).toBe(canonical.ok ? canonical.text : null);
  }, 90_000);
});
