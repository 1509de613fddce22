/**
 * Builds @stagecraft/runtime from the runtime's source in src/runtime (the one copy of it):
 * an ES module and a CommonJS bundle (esbuild), each with its own declarations, in folders
 * whose package.json states the module format so Node and TypeScript (`nodenext`, `bundler`)
 * read each half as what it is.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const entry = join(here, '../../src/runtime/index.ts');
const dist = join(here, 'dist');
const require = createRequire(import.meta.url);

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(here, 'tsconfig.json')], { stdio: 'inherit' });

for (const [folder, format, type] of [['esm', 'esm', 'module'], ['cjs', 'cjs', 'commonjs']]) {
  const out = join(dist, folder);
  mkdirSync(out, { recursive: true });
  await build({ entryPoints: [entry], bundle: true, format, platform: 'neutral', target: 'es2022', outfile: join(out, 'index.js'), legalComments: 'none', minifyWhitespace: true, minifySyntax: true, logLevel: 'warning' });
  cpSync(join(dist, 'types'), out, { recursive: true });
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type }, null, 2)}\n`);
}
rmSync(join(dist, 'types'), { recursive: true, force: true });
