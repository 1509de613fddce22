/**
 * The recipes of docs/data.md ("### Recipe: …"), run as written: each `sh` block's commands go
 * through the CLI from the repository root, with the files a recipe writes (`> F`, `--out F`,
 * and the schema it then reads) in a scratch folder. Both recipes read the same org's data in
 * two replica layouts, so their stamps must be equal — and not empty.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const DOC = readFileSync('docs/data.md', 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'stagecraft-recipes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Each recipe's title and its commands (continuation lines joined). */
function recipes(): { title: string; commands: string[] }[] {
  const found: { title: string; commands: string[] }[] = [];
  for (const m of DOC.matchAll(/^### Recipe: (.+)\n[\s\S]*?```sh\n([\s\S]*?)```/gm)) {
    const commands = m[2]!.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '');
    found.push({ title: m[1]!, commands });
  }
  return found;
}

/** A word of a command: a glob `dir/*.ext` expanded, a file that does not exist placed in `dir`. */
function expand(word: string, dir: string): string[] {
  if (word.includes('*')) {
    const [prefix, suffix] = basename(word).split('*') as [string, string];
    return readdirSync(dirname(word)).filter((f) => f.startsWith(prefix) && f.endsWith(suffix)).sort().map((f) => join(dirname(word), f));
  }
  return /\.(json|csv)$/.test(word) && !existsSync(word) ? [join(dir, word)] : [word];
}

async function runRecipe(commands: readonly string[], dir: string): Promise<void> {
  for (const command of commands) {
    const [words, redirect] = command.split(' > ') as [string, string | undefined];
    const argv = words.split(/\s+/).flatMap((w) => expand(w, dir));
    expect(argv[0]).toBe('stages');
    const r = await runCli(argv.slice(1));
    expect(r.code, `${command}\n${r.err}`).toBe(0);
    if (redirect !== undefined) writeFileSync(join(dir, redirect.trim()), r.out);
  }
}

describe('the replica recipes of docs/data.md', () => {
  const all = recipes();
  it('are there: Fivetran history mode and dbt snapshots', () => {
    expect(all.map((r) => r.title)).toEqual(['Fivetran history mode', 'dbt snapshots']);
  });

  it('run as written and give the same stamps', async () => {
    const stamps: string[] = [];
    for (const [i, recipe] of all.entries()) {
      const dir = join(scratch, String(i));
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      await runRecipe(recipe.commands, dir);
      stamps.push(readFileSync(join(dir, 'stamps.csv'), 'utf8'));
    }
    expect(stamps[0]!.split('\n').length).toBeGreaterThan(5);
    expect(stamps[0]).toContain('engagement,a0E2,2,MQL,2024-03-10T09:00:00.000Z,005K2,false');
    expect(stamps[1]).toBe(stamps[0]);
  });
});
