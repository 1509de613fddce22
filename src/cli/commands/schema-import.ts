/**
 * `stages schema import FILE… [--object Engagement=API_NAME]… [--role Lead.currentActivation=FIELD]…
 *  [--columns as-is|fivetran|snake] [--table Lead=lead_history]… [--record-types RecordType.csv]`
 *
 * Converts Salesforce `sobject describe` JSON into a Stagecraft schema printed on stdout;
 * notes (skipped fields and objects) go to stderr. Exit 0 on success, 1 when the documents
 * cannot make a valid schema, 2 when a FILE cannot be read.
 */
import { readFileSync } from 'node:fs';
import { SchemaError } from '../../schema/load.js';
import type { ColumnStyle } from '../../schema/columns.js';
import { importDescribes, parseObjectMappings, parseRoleMappings, parseTableMappings, SchemaImportError, type DescribeDocument } from '../../schema/import.js';
import { parseRecordTypeCsv } from '../../schema/record-types.js';
import { EXIT, UserError, type CliIo } from '../io.js';

export interface SchemaImportOptions {
  /** Repeated `--object Logical=ApiName`. */
  readonly object?: readonly string[] | string;
  /** Repeated `--role Object.role=Field`. */
  readonly role?: readonly string[] | string;
  readonly columns?: ColumnStyle;
  /** Repeated `--table Object=TABLE`. */
  readonly table?: readonly string[] | string;
  /** A RecordType export (`Id,DeveloperName,SobjectType`). */
  readonly recordTypes?: string;
}

function list(v: readonly string[] | string | undefined): readonly string[] {
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code ?? String(e)}`, EXIT.usage);
  }
}

function readDocument(file: string): DescribeDocument {
  const text = readText(file);
  try {
    return { source: file, json: JSON.parse(text) as unknown };
  } catch (e) {
    throw new UserError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

export async function schemaImportCommand(files: readonly string[], opts: SchemaImportOptions, io: CliIo): Promise<number> {
  const documents = files.map(readDocument);
  const recordTypesText = opts.recordTypes === undefined ? undefined : readText(opts.recordTypes);
  try {
    const { schema, notes } = importDescribes(documents, {
      objects: parseObjectMappings(list(opts.object)),
      roles: parseRoleMappings(list(opts.role)),
      tables: parseTableMappings(list(opts.table)),
      ...(opts.columns !== undefined && { columns: opts.columns }),
      ...(recordTypesText !== undefined && { recordTypes: parseRecordTypeCsv(recordTypesText, opts.recordTypes!) }),
    });
    for (const note of notes) io.err(`note: ${note}\n`);
    io.out(JSON.stringify(schema, null, 2) + '\n');
    return EXIT.ok;
  } catch (e) {
    if (e instanceof SchemaImportError || e instanceof SchemaError) throw new UserError(e.message);
    throw e;
  }
}
