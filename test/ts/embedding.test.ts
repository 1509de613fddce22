/**
 * The embedding guide's example (docs/runtime.md) is real: it type-checks under --strict against
 * a module written by `stages compile --target ts --out DIR`, and that module imports nothing
 * but the runtime.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'stagecraft-embed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('docs/runtime.md example', () => {
  it('type-checks against a module from `stages compile --target ts --out`', async () => {
    const out: string[] = [];
    const io: CliIo = { out: (t) => void out.push(t), err: (t) => void out.push(t), isTTY: false };
    const generated = join(work, 'generated');
    expect(await main(['compile', join(ROOT, 'examples/default.stages'), '--target', 'ts', '--out', generated], io), out.join('')).toBe(0);
    const [moduleFile] = readdirSync(generated);
    expect(moduleFile).toBe('default.stages.ts');

    const guide = readFileSync(join(ROOT, 'docs/runtime.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(example).toBeDefined();
    const app = join(work, 'app.ts');
    writeFileSync(app, (example as string).replace('./generated/acme.stages.js', './generated/default.stages.js'));

    const program = ts.createProgram([app], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      paths: { '@stagecraft/runtime': [join(ROOT, 'src/runtime/index.ts')] },
      types: ['node'],
      typeRoots: [join(ROOT, 'node_modules/@types')],
      skipLibCheck: true,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file === undefined || !d.file.fileName.includes('/src/runtime/'))
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors).toEqual([]);
  });
});
