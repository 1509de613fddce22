/**
 * `stages schema import FILE… [--object Engagement=API_NAME]… [--role Lead.currentActivation=FIELD]…`
 *
 * Converts Salesforce `sobject describe` JSON into a Stagecraft schema printed on stdout;
 * notes (skipped fields and objects) go to stderr. Exit 0 on success, 1 when the documents
 * cannot make a valid schema, 2 when a FILE cannot be read.
 */
import { readFileSync } from 'node:fs';
import { SchemaError } from '../../schema/load.js';
import { importDescribes, parseObjectMappings, parseRoleMappings, SchemaImportError } from '../../schema/import.js';
import { EXIT, UserError } from '../io.js';
function list(v) {
    return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}
function readDocument(file) {
    let text;
    try {
        text = readFileSync(file, 'utf8');
    }
    catch (e) {
        const code = e.code;
        throw new UserError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code ?? String(e)}`, EXIT.usage);
    }
    try {
        return { source: file, json: JSON.parse(text) };
    }
    catch (e) {
        throw new UserError(`${file}: not valid JSON (${e.message})`);
    }
}
export async function schemaImportCommand(files, opts, io) {
    const documents = files.map(readDocument);
    try {
        const { schema, notes } = importDescribes(documents, {
            objects: parseObjectMappings(list(opts.object)),
            roles: parseRoleMappings(list(opts.role)),
        });
        for (const note of notes)
            io.err(`note: ${note}\n`);
        io.out(JSON.stringify(schema, null, 2) + '\n');
        return EXIT.ok;
    }
    catch (e) {
        if (e instanceof SchemaImportError || e instanceof SchemaError)
            throw new UserError(e.message);
        throw e;
    }
}
//# sourceMappingURL=schema-import.js.map