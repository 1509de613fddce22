/**
 * `node --import ./forbid-imports.mjs`: refuses to load the packages named (comma-separated) in
 * STAGECRAFT_FORBID_IMPORTS, so a test can prove a command never loads them.
 */
import { register } from 'node:module';

register('./forbid-imports-hooks.mjs', import.meta.url, { data: { forbidden: (process.env.STAGECRAFT_FORBID_IMPORTS ?? '').split(',').filter(Boolean) } });
