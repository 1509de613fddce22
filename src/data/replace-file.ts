/**
 * Replacing a file as a shell's `>` would, but whole or not at all (SPEC §5): the new content
 * goes to a hidden temporary file in the folder of the file it replaces (the same file system,
 * so the rename is atomic), is flushed to disk and renamed over it. A reader sees the old file
 * or the whole new one, never a part, and a failure leaves the old file as it was.
 *
 * What `>` keeps is kept, because a rename alone would lose it:
 * - a symbolic link is written through: the file it points to is replaced and the link stays;
 * - an existing file keeps its permission bits, and one the user may not write is refused
 *   (EACCES) rather than replaced behind their back;
 * - a new file gets the usual 0666 less the umask.
 */
import { constants } from 'node:fs';
import { access, chmod, lstat, open, readlink, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { temporaryPath } from './temporary-files.js';

/** A replacement under way: `temp` is written, then renamed over `target`. */
export interface FileReplacement {
  /** The file that is replaced: the path given, or the file its symbolic links lead to. */
  readonly target: string;
  /** The temporary file beside `target` that takes the new content; it exists (empty) from the start. */
  readonly temp: string;
  /** The permission bits of the file replaced, or null when there was none. */
  readonly mode: number | null;
}

/** Most links a path may pass through, as the kernel allows (beyond it: ELOOP). */
const MAX_LINKS = 40;

/**
 * Finds where writing `path` lands and creates the empty temporary file. Throws the file
 * system's error (with its `code`: ENOENT for a missing folder, EACCES, EISDIR, ELOOP).
 */
export async function startReplacing(path: string): Promise<FileReplacement> {
  const target = await throughLinks(path);
  const mode = await replacedMode(target);
  const temp = temporaryPath(dirname(target), basename(target));
  // Never readable by more people than the file it replaces, even while it is written.
  await (await open(temp, 'wx', mode === null ? 0o666 : mode | 0o600)).close();
  return { target, temp, mode };
}

/** Flushes the temporary file (written by someone else, e.g. DuckDB) and moves it into place. */
export async function finishReplacing(replacement: FileReplacement): Promise<void> {
  const handle = await open(replacement.temp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await moveIntoPlace(replacement);
}

/** Gives the flushed temporary file the replaced file's permissions and renames it over the target. */
async function moveIntoPlace(replacement: FileReplacement): Promise<void> {
  if (replacement.mode !== null) await chmod(replacement.temp, replacement.mode);
  await rename(replacement.temp, replacement.target);
}

/** Removes the temporary file of a replacement that failed; the target is untouched. */
export async function abandonReplacing(replacement: FileReplacement): Promise<void> {
  await unlink(replacement.temp).catch(() => undefined);
}

/** Writes `text` to `path` whole or not at all (see the module comment). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const replacement = await startReplacing(path);
  try {
    const handle = await open(replacement.temp, 'r+');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await moveIntoPlace(replacement);
  } catch (e) {
    await abandonReplacing(replacement);
    throw e;
  }
}

/** `path`, or the file its chain of symbolic links ends at (which need not exist yet). */
async function throughLinks(path: string): Promise<string> {
  let current = path;
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    let isLink: boolean;
    try {
      isLink = (await lstat(current)).isSymbolicLink();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw e;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw Object.assign(new Error(`too many symbolic links: ${path}`), { code: 'ELOOP' });
}

/** The permission bits of the existing file `target` (refused when not writable), or null when there is none. */
async function replacedMode(target: string): Promise<number | null> {
  let mode: number;
  try {
    const info = await stat(target);
    if (info.isDirectory()) throw Object.assign(new Error(`${target} is a folder`), { code: 'EISDIR' });
    mode = info.mode & 0o7777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  await access(target, constants.W_OK);
  return mode;
}
