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
import { countLine, diagnosticsToJson, formatDiagnostics } from '../../compiler/index.js';
import { checkSourceFile, schemaFromOption } from '../definition.js';
import { EXIT, type CliIo } from '../io.js';

export interface CheckCommandOptions {
  readonly schema?: string;
  readonly format?: 'text' | 'json';
}

export async function checkCommand(file: string, opts: CheckCommandOptions, io: CliIo): Promise<number> {
  const { diagnostics, source } = checkSourceFile(file, schemaFromOption(opts.schema));
  if (opts.format === 'json') {
    io.out(diagnosticsToJson(diagnostics));
  } else if (diagnostics.length > 0) {
    io.err(formatDiagnostics(diagnostics, { [file]: source }, { color: io.isTTY }));
  } else {
    io.err(`${file}: ${countLine(0, 0)}\n`);
  }
  return diagnostics.some((d) => d.severity === 'error') ? EXIT.failure : EXIT.ok;
}
