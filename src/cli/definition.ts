/**
 * What every command that reads a `.stages` file does first: load `--schema` (or the shipped
 * default) and check FILE against it. One place, so `check`, `compile` and `run` agree on
 * messages and exit codes: a FILE or schema that cannot be read is a usage problem (exit 2),
 * not a verdict on the definition.
 *
 * Imports only the front end (`stages check` must start fast).
 */
import { checkFile, formatDiagnostics, SourceFileError, type FileCheckResult } from '../compiler/index.js';
import type { CheckedDefinition } from '../compiler/ir.js';
import { loadDefaultSchema, loadSchema, SchemaError } from '../schema/load.js';
import type { Schema } from '../schema/types.js';
import { EXIT, UserError, type CliIo } from './io.js';

/** Loads `--schema` (or the default); a bad schema file is a usage problem (exit 2). */
export function schemaFromOption(path: string | undefined): Schema {
  try {
    return path === undefined ? loadDefaultSchema() : loadSchema(path);
  } catch (e) {
    if (e instanceof SchemaError) throw new UserError(e.message, EXIT.usage);
    throw e;
  }
}

/** Checks FILE; an unreadable FILE is a usage problem (exit 2). Prints nothing. */
export function checkSourceFile(file: string, schema: Schema): FileCheckResult {
  try {
    return checkFile(file, schema);
  } catch (e) {
    if (e instanceof SourceFileError) throw new UserError(e.message, EXIT.usage);
    throw e;
  }
}

/**
 * Checks FILE and prints its diagnostics (warnings too) to stderr; the checked definition, or
 * null when the file has errors (the caller then exits 1).
 */
export function checkDefinitionFile(file: string, schemaPath: string | undefined, io: CliIo): CheckedDefinition | null {
  return checkDefinitionFileAndSource(file, schemaPath, io)?.definition ?? null;
}

/**
 * As `checkDefinitionFile`, with the text that was checked: for commands that quote the
 * criteria as written, from the very text the definition was checked from (not a second read).
 */
export function checkDefinitionFileAndSource(
  file: string,
  schemaPath: string | undefined,
  io: CliIo,
): { readonly definition: CheckedDefinition; readonly source: string } | null {
  const result = checkSourceFile(file, schemaFromOption(schemaPath));
  if (result.diagnostics.length > 0) {
    io.err(formatDiagnostics(result.diagnostics, { [file]: result.source }, { color: io.isTTY }));
  }
  return result.definition === null ? null : { definition: result.definition, source: result.source };
}
