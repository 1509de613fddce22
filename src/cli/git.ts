/**
 * A file's text at a git revision (`stages diff FILE --base REV`): the pull-request workflow
 * compares the definition at `main` with the working copy. Runs the `git` binary; every way
 * that can fail (no git, not a repository, an unknown revision, a file the revision does not
 * have) is a usage problem with a plain message (exit 2).
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { EXIT, UserError } from './io.js';

function git(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const error = e as NodeJS.ErrnoException & { stderr?: string };
    if (error.code === 'ENOENT') throw new UserError('--base needs git, which is not installed or not on PATH', EXIT.usage);
    throw new GitError(String(error.stderr ?? error.message).trim());
  }
}

class GitError extends Error {}

export function readFileAtRevision(file: string, revision: string): string {
  let absolute: string;
  try {
    absolute = realpathSync(resolve(file));
  } catch {
    throw new UserError(`cannot read ${file}: no such file`, EXIT.usage);
  }
  const folder = dirname(absolute);
  let top: string;
  try {
    top = realpathSync(git(['rev-parse', '--show-toplevel'], folder).trim());
  } catch (e) {
    if (e instanceof GitError) throw new UserError(`--base ${revision}: ${file} is not inside a git repository`, EXIT.usage);
    throw e;
  }
  try {
    git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], top);
  } catch (e) {
    if (e instanceof GitError) throw new UserError(`--base ${revision}: unknown revision in ${top}`, EXIT.usage);
    throw e;
  }
  const path = relative(top, absolute).split(sep).join('/');
  try {
    return git(['show', `${revision}:${path}`], top);
  } catch (e) {
    if (e instanceof GitError) throw new UserError(`--base ${revision}: ${path} does not exist at ${revision}`, EXIT.usage);
    throw e;
  }
}
