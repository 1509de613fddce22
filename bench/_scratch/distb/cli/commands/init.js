/**
 * `stages init [DIR] [--force]`: writes the system default definition (`default.stages`, the
 * product's "Reset Default") and the default schema (`schema.json`) into DIR for a new user.
 * Existing files are never overwritten without --force (exit 1, nothing written).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SCHEMA_PATH } from '../../schema/load.js';
import { EXIT, UserError } from '../io.js';
/** The shipped default definition (works from src/ under vitest and from dist/). */
export const DEFAULT_DEFINITION_PATH = fileURLToPath(new URL('../../../examples/default.stages', import.meta.url));
export async function initCommand(dir, opts, io) {
    if (existsSync(dir) && !statSync(dir).isDirectory()) {
        throw new UserError(`${dir} exists and is not a directory`, EXIT.usage);
    }
    const files = [
        { path: join(dir, 'default.stages'), text: readFileSync(DEFAULT_DEFINITION_PATH, 'utf8') },
        { path: join(dir, 'schema.json'), text: readFileSync(DEFAULT_SCHEMA_PATH, 'utf8') },
    ];
    const existing = files.filter((f) => existsSync(f.path)).map((f) => f.path);
    if (existing.length > 0 && !opts.force) {
        throw new UserError(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written (use --force to overwrite)`);
    }
    try {
        mkdirSync(dir, { recursive: true });
        for (const f of files)
            writeFileSync(f.path, f.text);
    }
    catch (e) {
        throw new UserError(`cannot write into ${dir}: ${e.code ?? String(e)}`);
    }
    for (const f of files)
        io.out(`wrote ${f.path}\n`);
    io.out(`next: stages check ${files[0].path} --schema ${files[1].path}\n`);
    return EXIT.ok;
}
//# sourceMappingURL=init.js.map