// Bundles the report page's chart script (report-charts/entry.mjs with Observable Plot and d3)
// into dist/report/charts.bundle.js, one minified IIFE that the report page inlines. Run by
// `npm run build`, so the packed package carries the bundle under dist/.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'report', 'charts.bundle.js');
mkdirSync(dirname(outfile), { recursive: true });
await build({
  entryPoints: [join(root, 'report-charts', 'entry.mjs')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  outfile,
  logLevel: 'warning',
});
