/**
 * `stages fmt FILE… [--check] [--stdout]`: puts `.stages` files in the canonical layout
 * (`src/grammar/format.ts`).
 *
 * Default: rewrites each file that changes in place, atomically (temp file + rename).
 * `--check`: writes nothing, lists the files that would change on stdout and exits 1 if any
 * (for CI). `--stdout`: prints the formatted text instead of writing. A file with syntax
 * errors is never formatted: its diagnostics go to stderr and the command exits 1 (the other
 * files are still formatted); so is a file that cannot be written. An unreadable file is a
 * usage problem (exit 2).
 *
 * Imports only the front end.
 */
import { readFileSync } from 'node:fs';
import { formatDiagnostics, syntaxDiagnostics } from '../../compiler/index.js';
import { writeFileAtomic } from '../../data/replace-file.js';
import { formatStages } from '../../grammar/format.js';
import { cannotWrite, EXIT, UserError, type CliIo } from '../io.js';

export interface FmtCommandOptions {
  readonly check?: boolean;
  readonly stdout?: boolean;
}

function readSource(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code ?? String(e);
    throw new UserError(`cannot read ${file}: ${reason}`, 2);
  }
}

export async function fmtCommand(files: readonly string[], opts: FmtCommandOptions, io: CliIo): Promise<number> {
  if (opts.check && opts.stdout) throw new UserError('--check and --stdout cannot be combined', EXIT.usage);
  const sources = files.map((file) => ({ file, source: readSource(file) }));
  let exit: number = EXIT.ok;
  for (const { file, source } of sources) {
    const result = formatStages(source);
    if (!result.ok) {
      io.err(formatDiagnostics(syntaxDiagnostics(source, file), { [file]: source }, { color: io.isTTY }));
      io.err(`${file}: not formatted (syntax errors)\n`);
      exit = EXIT.failure;
      continue;
    }
    if (opts.stdout) io.out(result.text);
    else if (opts.check) {
      if (result.changed) {
        io.out(`${file}\n`);
        exit = EXIT.failure;
      }
    } else if (result.changed) {
      try {
        await writeFileAtomic(file, result.text);
      } catch (e) {
        // Like a syntax error: this file stays as it was, the others are still formatted.
        io.err(`stages: ${cannotWrite(file, e).message}\n`);
        exit = EXIT.failure;
      }
    }
  }
  return exit;
}
