/**
 * `node --import ./forbid-imports.mjs`: refuses to load the packages named (comma-separated) in
 * STAGECRAFT_FORBID_IMPORTS, so a test can prove a command never loads them. ES module imports
 * go through the resolve hook (forbid-imports-hooks.mjs); `require` (also through
 * `createRequire`) is not seen by that hook on Node 20, so CommonJS resolution is refused here.
 */
import Module, { register } from 'node:module';

const forbidden = (process.env.STAGECRAFT_FORBID_IMPORTS ?? '').split(',').filter(Boolean);
const refused = (specifier) => forbidden.find((name) => specifier === name || specifier.startsWith(`${name}/`));

register('./forbid-imports-hooks.mjs', import.meta.url, { data: { forbidden } });

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (refused(request) !== undefined) throw new Error(`forbidden import: ${request} (from ${parent?.filename ?? 'unknown'})`);
  return resolveFilename.call(this, request, parent, ...rest);
};
