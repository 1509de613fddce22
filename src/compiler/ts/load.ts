/**
 * `loadCompiledDefinition(def)`: compiles the definition to TypeScript, transpiles it with
 * TypeScript's `transpileModule` and imports it in-process — the same code an application
 * would embed, so the engine tests exercise the generated module itself.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { EvaluatorDefinition } from '../../runtime/index.js';
import type { CheckedDefinition } from '../ir.js';
import { compileTs, RUNTIME_SPECIFIER } from './generate.js';

/** File URL of this package's runtime entry: dist/runtime/index.js when built, src/runtime/index.ts under vitest. */
function runtimeEntryUrl(): string {
  const js = new URL('../../runtime/index.js', import.meta.url);
  if (existsSync(js)) return js.href;
  return new URL('../../runtime/index.ts', import.meta.url).href;
}

/** Transpiles generated TypeScript to an ES module whose runtime import points at this package's runtime. */
export function transpileEvaluatorModule(source: string): string {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  });
  const specifier = JSON.stringify(RUNTIME_SPECIFIER);
  return outputText.replaceAll(`from ${specifier}`, `from ${JSON.stringify(runtimeEntryUrl())}`).replaceAll(`from '${RUNTIME_SPECIFIER}'`, `from ${JSON.stringify(runtimeEntryUrl())}`);
}

function isEvaluatorDefinition(value: unknown): value is EvaluatorDefinition {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 1;
}

export async function loadCompiledDefinition(def: CheckedDefinition): Promise<EvaluatorDefinition> {
  const code = transpileEvaluatorModule(compileTs(def));
  const dir = await mkdtemp(join(tmpdir(), 'stagecraft-evaluator-'));
  const file = join(dir, 'definition.mjs');
  try {
    await writeFile(file, code, 'utf8');
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    if (!isEvaluatorDefinition(module.default)) throw new Error('internal: the generated module has no evaluator definition as default export');
    return module.default;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
