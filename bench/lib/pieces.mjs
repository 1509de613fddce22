/**
 * The project's real pieces, imported from the build output (`npm run build` → dist/).
 * Each may be missing while other parts of the project are being written: a missing piece
 * is reported (its figures become null, said so in the table), never a crash.
 * `STAGECRAFT_BENCH_DIST` points at another build folder (development of the harness).
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ROOT } from './definitions.mjs';

export const DIST = process.env.STAGECRAFT_BENCH_DIST ?? `${ROOT}dist/`;

async function load(relative, names) {
  const file = `${DIST}${relative}`;
  if (!existsSync(file)) return { ok: false, why: `${relative} not built` };
  try {
    const module = await import(pathToFileURL(file).href);
    const missing = names.filter((n) => typeof module[n] !== 'function' && module[n] === undefined);
    if (missing.length) return { ok: false, why: `${relative} lacks ${missing.join(', ')}` };
    return { ok: true, module };
  } catch (e) {
    return { ok: false, why: `${relative}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
}

export async function loadPieces() {
  const [schema, front, sql, ts, runtime] = await Promise.all([
    load('schema/load.js', ['loadDefaultSchema']),
    load('compiler/index.js', ['checkSource']),
    load('compiler/sql/index.js', ['compileSql']),
    load('compiler/ts/index.js', ['compileTs', 'loadCompiledDefinition']),
    load('runtime/index.js', ['createEvaluator']),
  ]);
  return { schema, front, sql, ts, runtime };
}
