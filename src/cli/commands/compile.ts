/**
 * `stages compile FILE --target sql --dialect D [--out DIR] [--prefix P] [--schema-name S] [--schema F]`
 * `stages compile FILE --target ts [--out DIR] [--schema F]`                         (SPEC §5)
 * `stages compile FILE --target dbt [--out DIR] [--package-name NAME] [--schema F]`
 *
 * Checks FILE first: diagnostics go to stderr, and any error ends the command with exit 1
 * before anything is written. Then prints the SQL script / TypeScript module to stdout, or
 * writes `DIR/<base>.<dialect>.sql` / `DIR/<base>.stages.ts` atomically (temp file + rename,
 * so a reader never sees half a file). The dbt target writes a folder, `DIR/<package>/`, built
 * beside it and renamed into place (./dbt-package.ts). The back end of the chosen target is
 * imported lazily.
 */
import { mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CheckedDefinition } from '../../compiler/ir.js';
import { DIALECT_NAMES, type DialectName } from '../../compiler/sql/dialect.js';
import { writeFileAtomic } from '../../data/replace-file.js';
import { cannotWrite, EXIT, UserError, type CliIo } from '../io.js';
import { checkDefinitionFile } from '../definition.js';

export interface CompileCommandOptions {
  readonly target: 'sql' | 'ts' | 'dbt';
  readonly dialect?: string;
  readonly out?: string;
  readonly schema?: string;
  readonly prefix?: string;
  readonly schemaName?: string;
  readonly packageName?: string;
}

export async function compileCommand(file: string, opts: CompileCommandOptions, io: CliIo): Promise<number> {
  // Flag problems first: they are usage errors whatever the file holds.
  const dialect = opts.target === 'sql' ? requireDialect(opts.dialect) : undefined;
  if (opts.target !== 'sql' && opts.dialect !== undefined) {
    const why = opts.target === 'dbt' ? 'a dbt package serves every dialect' : 'the TypeScript module runs in the application, not in a database';
    throw new UserError(`--dialect applies to --target sql only (${why})`, EXIT.usage);
  }
  if (opts.out !== undefined) requireOutFolder(opts.out);
  if (opts.target !== 'dbt' && opts.packageName !== undefined) {
    throw new UserError('--package-name applies to --target dbt only', EXIT.usage);
  }
  if (opts.target === 'dbt') {
    const { compileDbtCommand } = await import('./dbt-package.js');
    return compileDbtCommand(file, { ...opts, base: baseName(file) }, io);
  }
  const definition = checkDefinitionFile(file, opts.schema, io);
  if (definition === null) return EXIT.failure;

  const { text, fileName } =
    dialect !== undefined
      ? await compileToSql(definition, dialect, opts, file)
      : await compileToTs(definition, file);
  if (opts.out === undefined) {
    io.out(text);
    return EXIT.ok;
  }
  const target = join(opts.out, fileName);
  try {
    mkdirSync(opts.out, { recursive: true });
    await writeFileAtomic(target, text);
  } catch (e) {
    throw cannotWrite(target, e);
  }
  io.err(`wrote ${target}\n`);
  return EXIT.ok;
}

/** `--out DIR` must name a folder (made when missing), not an existing file. */
export function requireOutFolder(dir: string): void {
  let isFolder = true;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    return; // missing (made when writing) or unreadable (the write reports why)
  }
  if (!isFolder) throw new UserError(`--out ${dir} is a file; --out names the folder to write into`, EXIT.usage);
}

function requireDialect(dialect: string | undefined): DialectName {
  if (dialect === undefined) {
    throw new UserError(`--target sql needs --dialect (one of ${DIALECT_NAMES.join(', ')})`, EXIT.usage);
  }
  if (!(DIALECT_NAMES as readonly string[]).includes(dialect)) {
    throw new UserError(`unknown dialect '${dialect}' (one of ${DIALECT_NAMES.join(', ')})`, EXIT.usage);
  }
  return dialect as DialectName;
}

/** `acme.stages` → `acme` (any other name is kept whole). */
function baseName(file: string): string {
  return basename(file).replace(/\.stages$/i, '');
}

async function compileToSql(def: CheckedDefinition, dialect: DialectName, opts: CompileCommandOptions, file: string) {
  const { compileSql, SqlNameError } = await import('../../compiler/sql/index.js');
  try {
    const text = compileSql(def, {
      dialect,
      prefix: opts.prefix ?? '',
      ...(opts.schemaName !== undefined ? { schemaName: opts.schemaName } : {}),
    });
    return { text, fileName: `${baseName(file)}.${dialect}.sql` };
  } catch (e) {
    if (e instanceof SqlNameError) throw new UserError(e.message, EXIT.usage);
    throw e;
  }
}

async function compileToTs(def: CheckedDefinition, file: string) {
  const { compileTs } = await import('../../compiler/ts/index.js');
  return { text: compileTs(def), fileName: `${baseName(file)}.stages.ts` };
}

