/**
 * `stages check FILE [--schema S] [--format text|json]` (SPEC §5).
 *
 * Text diagnostics (code frames) go to stderr, coloured only on a terminal; `--format json`
 * prints a JSON array of diagnostics to stdout for editors. Exit codes: 0 clean (warnings
 * allowed), 1 on any error in the file, 2 when the check could not run (FILE or the schema
 * missing or unreadable — a usage problem, not a verdict on the file).
 *
 * Imports only the front end: never ts-morph, typescript, DuckDB or sql-formatter.
 */
import { checkFile, countLine, diagnosticsToJson, formatDiagnostics, SourceFileError } from '../../compiler/index.js';
import { loadDefaultSchema, loadSchema, SchemaError } from '../../schema/load.js';
import type { Schema } from '../../schema/types.js';
import { EXIT, UserError, type CliIo } from '../io.js';

export interface CheckCommandOptions {
  readonly schema?: string;
  readonly format?: 'text' | 'json';
}

/** Loads `--schema` (or the default); a bad schema file is a usage problem (exit 2). */
export function schemaFromOption(path: string | undefined): Schema {
  try {
    return path === undefined ? loadDefaultSchema() : loadSchema(path);
  } catch (e) {
    if (e instanceof SchemaError) throw new UserError(e.message, EXIT.usage);
    throw e;
  }
}

export async function checkCommand(file: string, opts: CheckCommandOptions, io: CliIo): Promise<number> {
  const schema = schemaFromOption(opts.schema);
  let result;
  try {
    result = checkFile(file, schema);
  } catch (e) {
    if (e instanceof SourceFileError) throw new UserError(e.message, EXIT.usage);
    throw e;
  }
  const { diagnostics, source } = result;
  if (opts.format === 'json') {
    io.out(diagnosticsToJson(diagnostics));
  } else if (diagnostics.length > 0) {
    io.err(formatDiagnostics(diagnostics, { [file]: source }, { color: io.isTTY }));
  } else {
    io.err(`${file}: ${countLine(0, 0)}\n`);
  }
  return diagnostics.some((d) => d.severity === 'error') ? EXIT.failure : EXIT.ok;
}
