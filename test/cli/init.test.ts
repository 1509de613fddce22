/** `stages init` in-process: writes the default definition and schema, refuses to overwrite. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTTY: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

const fresh = () => mkdtempSync(join(tmpdir(), 'stages-init-'));

describe('stages init', () => {
  it('writes default.stages and schema.json that check clean together', async () => {
    const dir = join(fresh(), 'new', 'project');
    const io = capture();
    expect(await main(['init', dir], io)).toBe(0);
    expect(io.stdout).toContain(`wrote ${join(dir, 'default.stages')}`);
    expect(readFileSync(join(dir, 'default.stages'), 'utf8')).toBe(readFileSync('examples/default.stages', 'utf8'));
    expect(JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8'))).toEqual(JSON.parse(readFileSync('schema/salesforce.json', 'utf8')));
    expect(await main(['check', join(dir, 'default.stages'), '--schema', join(dir, 'schema.json')], capture())).toBe(0);
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'default.stages'), 'stage 2 "mine" unused\n');
    const io = capture();
    expect(await main(['init', dir], io)).toBe(1);
    expect(io.stderr).toBe(`stages: ${join(dir, 'default.stages')} already exists; nothing was written (use --force to overwrite)\n`);
    expect(readFileSync(join(dir, 'default.stages'), 'utf8')).toBe('stage 2 "mine" unused\n');
    expect(() => readFileSync(join(dir, 'schema.json'))).toThrow();
    expect(await main(['init', dir, '--force'], capture())).toBe(0);
    expect(readFileSync(join(dir, 'default.stages'), 'utf8')).toContain('stage 6 "Won"');
  });

  it('rejects a target that is a file', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'f'), '');
    const io = capture();
    expect(await main(['init', join(dir, 'f')], io)).toBe(2);
    expect(io.stderr).toContain('is not a directory');
  });
});
