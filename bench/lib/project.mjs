/**
 * The project's modules the benchmarks measure, imported from the build output (`dist/`; every
 * bench npm script builds first). Typed from their sources for the bench's type check.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ROOT } from './definitions.mjs';

/** @param {string} relative a module under dist/ */
async function load(relative) {
  const file = `${ROOT}dist/${relative}`;
  if (!existsSync(file)) throw new Error(`dist/${relative} is missing: run \`npm run build\` first (the bench measures the build)`);
  return import(pathToFileURL(file).href);
}

/** @type {typeof import('../../src/schema/load.js')} */
export const schemaLoader = await load('schema/load.js');
/** @type {typeof import('../../src/compiler/index.js')} */
export const frontEnd = await load('compiler/index.js');
/** @type {typeof import('../../src/compiler/sql/index.js')} */
export const sqlBackEnd = await load('compiler/sql/index.js');
/** @type {typeof import('../../src/compiler/ts/index.js')} */
export const tsBackEnd = await load('compiler/ts/index.js');
/** @type {typeof import('../../src/runtime/index.js')} */
export const runtime = await load('runtime/index.js');

export const schema = schemaLoader.loadSchema(`${ROOT}schema/salesforce.json`);

/**
 * Checks `.stages` text against the shipped schema; throws on errors.
 * @param {string} file the name diagnostics use
 * @param {string} source
 */
export function checkDefinition(file, source) {
  const result = frontEnd.checkSource(source, { file, schema });
  if (!result.definition) {
    const first = result.diagnostics.find((d) => d.severity === 'error');
    throw new Error(`${file} does not check: ${first ? `${first.code ?? ''} ${first.message}` : 'errors'}`);
  }
  return result.definition;
}
