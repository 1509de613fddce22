/**
 * The compiler front end's public API: `.stages` text → checked IR + diagnostics.
 * Loads only the grammar (Chevrotain) and the checker — never a back end — so `stages check`
 * starts fast.
 */
import { readFileSync } from 'node:fs';
import { parseStages } from '../grammar/index.js';
import { loadDefaultSchema } from '../schema/load.js';
import { checkAst } from './check/index.js';
import { LineIndex, toDiagnostic } from './diagnostics.js';
export { formatDiagnostics, diagnosticsToJson, countLine } from './diagnostics.js';
/** The file named on the command line could not be read (it does not exist, is a folder, …). */
export class SourceFileError extends Error {
    file;
    reason;
    constructor(file, reason) {
        super(`cannot read ${file}: ${reason}`);
        this.file = file;
        this.reason = reason;
        this.name = 'SourceFileError';
    }
}
export function checkSource(source, options) {
    const index = new LineIndex(source);
    const parsed = parseStages(source);
    const problems = parsed.problems.map((p) => ({ severity: 'error', ...p }));
    const checked = checkAst(parsed.ast, options.schema, { lineOf: (offset) => index.position(offset).line });
    problems.push(...checked.problems);
    // Stable sort by position: syntax and type problems interleave in reading order.
    problems.sort((a, b) => a.span.start - b.span.start);
    const diagnostics = problems.map((p) => toDiagnostic(p, options.file, index));
    const hasError = diagnostics.some((d) => d.severity === 'error');
    return { definition: hasError ? null : checked.definition, diagnostics };
}
/** Reads and checks a file; throws SourceFileError when it cannot be read. */
export function checkFile(path, schema = loadDefaultSchema()) {
    let source;
    try {
        source = readFileSync(path, 'utf8');
    }
    catch (e) {
        const code = e.code;
        const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code ?? String(e);
        throw new SourceFileError(path, reason);
    }
    return { ...checkSource(source, { file: path, schema }), source };
}
//# sourceMappingURL=index.js.map