/**
 * `stages compile FILE --target dbt [--out DIR] [--package-name NAME]`: the dbt package, written
 * as the folder `DIR/<package>/` (DIR defaults to the current folder, as `dbt init` does).
 * A package is a folder of files, so there is no stdout form.
 *
 * The folder is written whole or not at all: the files go into a temp folder beside it, which
 * is then renamed into place (an earlier package of the same name is moved aside first and
 * removed after). A folder that is there but was not written by this command is never replaced.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { temporaryPath } from '../../data/temporary-files.js';
import { cannotWrite, EXIT, UserError, type CliIo } from '../io.js';
import { checkDefinitionFile } from '../definition.js';
import type { CompileCommandOptions } from './compile.js';

export async function compileDbtCommand(file: string, opts: CompileCommandOptions & { base: string }, io: CliIo): Promise<number> {
  if ((opts.prefix ?? '') !== '') throw new UserError('--prefix applies to --target sql only (dbt names the models)', EXIT.usage);
  if (opts.schemaName !== undefined) throw new UserError("--schema-name applies to --target sql only (dbt's profile and configs choose the schema)", EXIT.usage);
  const { compileDbtPackage, defaultPackageName, packageNameProblem, DbtPackageError, GENERATED_MARK } = await import('../../compiler/dbt/index.js');
  const packageName = opts.packageName ?? defaultPackageName(opts.base);
  const problem = packageNameProblem(packageName);
  if (problem !== null) throw new UserError(`${problem} (--package-name)`, EXIT.usage);

  const definition = checkDefinitionFile(file, opts.schema, io);
  if (definition === null) return EXIT.failure;
  let files;
  try {
    files = compileDbtPackage(definition, { packageName });
  } catch (e) {
    if (e instanceof DbtPackageError) throw new UserError(e.message, EXIT.usage);
    throw e;
  }
  const target = join(opts.out ?? '.', packageName);
  writeFolderAtomically(target, files, GENERATED_MARK);
  io.err(`wrote ${target} (dbt package ${packageName}, ${files.length} files)\n`);
  return EXIT.ok;
}

/** `files` written as the folder `target`; an existing `target` is replaced only if its dbt_project.yml begins with `mark`. */
function writeFolderAtomically(target: string, files: readonly { path: string; text: string }[], mark: string): void {
  if (existsSync(target) && !wasGenerated(target, mark)) {
    throw new UserError(`${target} exists and is not a package written by stages compile; not replacing it`);
  }
  let temp: string | undefined;
  let old: string | undefined;
  try {
    mkdirSync(dirname(target), { recursive: true });
    // A hidden folder beside the target, with the usual permissions (0777 less the umask).
    temp = temporaryPath(dirname(target), basename(target));
    mkdirSync(temp, { mode: 0o777 });
    for (const f of files) {
      const path = join(temp, ...f.path.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.text, 'utf8');
    }
    if (existsSync(target)) {
      old = `${temp}.old`;
      renameSync(target, old);
    }
    renameSync(temp, target);
    temp = undefined;
  } catch (e) {
    if (old !== undefined && !existsSync(target)) renameSync(old, target);
    throw cannotWrite(target, e);
  } finally {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
    if (old !== undefined && existsSync(old)) rmSync(old, { recursive: true, force: true });
  }
}

function wasGenerated(folder: string, mark: string): boolean {
  try {
    return readFileSync(join(folder, 'dbt_project.yml'), 'utf8').startsWith(mark);
  } catch {
    return false;
  }
}
