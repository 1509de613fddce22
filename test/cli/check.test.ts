/** `stages check` in-process through main(): exit codes 0/1/2 and both output formats. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

function capture(isTTY = false): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTTY,
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}

const dir = mkdtempSync(join(tmpdir(), 'stages-check-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('stages check', () => {
  it('exits 0 on examples/default.stages', async () => {
    const io = capture();
    expect(await main(['check', 'examples/default.stages'], io)).toBe(0);
    expect(io.stderr).toBe('examples/default.stages: no problems found\n');
    expect(io.stdout).toBe('');
  });

  it('exits 0 with warnings only, and prints them', async () => {
    const io = capture();
    const path = file('warn.stages', 'stage 3 "SAL" { }\n');
    expect(await main(['check', path], io)).toBe(0);
    expect(io.stderr).toContain('warning SC401');
    expect(io.stderr).toContain('1 warning');
  });

  it('exits 1 and prints every problem with code frames', async () => {
    const io = capture();
    const path = file('bad.stages', 'stage 2 "M" {\n  lead when Stauts = \'Open\'\n}\nstage 7 "X"\n');
    expect(await main(['check', path], io)).toBe(1);
    expect(io.stderr).toContain(`${path}:2:13: error SC201: unknown field 'Stauts' on Lead; did you mean 'Status'?`);
    expect(io.stderr).toContain(`${path}:4:7: error SC301`);
    expect(io.stderr).toContain("  help: did you mean 'Status'?");
    expect(io.stderr).toMatch(/2 errors\n$/);
    expect(io.stderr).not.toContain('\x1b[');
  });

  it('colours the output on a terminal', async () => {
    const io = capture(true);
    expect(await main(['check', file('tty.stages', 'stage 7 "X"')], io)).toBe(1);
    expect(io.stderr).toContain('\x1b[31merror');
  });

  it('prints a JSON array on stdout with --format json', async () => {
    const io = capture();
    const path = file('json.stages', 'stage 2 "M" { lead when Score > \'x\' }');
    expect(await main(['check', path, '--format', 'json'], io)).toBe(1);
    const diagnostics = JSON.parse(io.stdout) as { code: string; file: string; range: { start: { line: number; column: number } } }[];
    expect(diagnostics).toMatchObject([{ code: 'SC203', file: path, range: { start: { line: 1, column: 33 } } }]);
    const clean = capture();
    expect(await main(['check', 'examples/default.stages', '--format', 'json'], clean)).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual([]);
  });

  it('checks against --schema', async () => {
    const schema = JSON.parse(JSON.stringify(await import('../../schema/salesforce.json', { with: { type: 'json' } }).then((m) => m.default)));
    schema.objects.Lead.fields.Tier__c = { type: 'picklist', values: ['Gold', 'Silver'] };
    const schemaPath = file('schema.json', JSON.stringify(schema));
    const path = file('custom.stages', "stage 2 \"M\" { lead when Tier__c = 'Gold' }");
    expect(await main(['check', path], capture())).toBe(1);
    expect(await main(['check', path, '--schema', schemaPath], capture())).toBe(0);
  });

  it('exits 2 on usage problems: missing file, bad schema, bad format, no argument', async () => {
    const missing = capture();
    expect(await main(['check', join(dir, 'nope.stages')], missing)).toBe(2);
    expect(missing.stderr).toBe(`stages: cannot read ${join(dir, 'nope.stages')}: no such file\n`);
    const badSchema = capture();
    expect(await main(['check', 'examples/default.stages', '--schema', file('bad.json', '{"objects": {}}')], badSchema)).toBe(2);
    expect(badSchema.stderr).toContain('missing object "Engagement"');
    expect(await main(['check', 'examples/default.stages', '--format', 'xml'], capture())).toBe(2);
    expect(await main(['check'], capture())).toBe(2);
    const dirArg = capture();
    expect(await main(['check', dir], dirArg)).toBe(2);
    expect(dirArg.stderr).toContain('it is a directory');
  });

  it('prints help and exits 0 with --help', async () => {
    const io = capture();
    expect(await main(['check', '--help'], io)).toBe(0);
    expect(io.stdout).toContain('--format');
  });
});
