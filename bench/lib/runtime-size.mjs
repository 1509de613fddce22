/**
 * `runtime_min_gz_kb`: what the runtime costs a browser app — @stagecraft/runtime's ES module
 * entry (as installed: packages/runtime/dist) bundled whole by esbuild, minified, gzipped
 * (level 9), in kB = 1,000 bytes. Everything it exports is kept, so the figure is the upper
 * bound of what an app that embeds the evaluator ships.
 */
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build } from 'esbuild';

/** @param {string} root the repository */
export async function runtimeMinGzKb(root) {
  const result = await build({
    stdin: { contents: "export * from '@stagecraft/runtime';", resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    logLevel: 'silent',
    nodePaths: [join(root, 'node_modules')],
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length / 1000;
}
