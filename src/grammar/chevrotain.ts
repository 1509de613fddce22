/**
 * Chevrotain, loaded from the single-file bundle its package ships (`lib/chevrotain.min.mjs`).
 *
 * The package's entry point (`lib/src/api.js`) imports hundreds of lodash-es modules: about
 * a second of start-up on a busy machine, ten times the bundle, and `stages check` must start
 * fast. The bundle is the same build of the same version; the types come from the package.
 * If the bundle cannot be found (a different layout), the entry point is used.
 */
import type * as ChevrotainApi from 'chevrotain';

async function load(): Promise<typeof ChevrotainApi> {
  try {
    const bundle = new URL('../chevrotain.min.mjs', import.meta.resolve('chevrotain'));
    return (await import(bundle.href)) as typeof ChevrotainApi;
  } catch {
    return import('chevrotain');
  }
}

const chevrotain = await load();

export const { createToken, CstParser, EOF, Lexer } = chevrotain;
