/**
 * What a signal (SIGINT, SIGTERM) must undo before the process ends, so an interrupted command
 * leaves neither a partial output nor a temporary file:
 * - temporary files and folders of this process — the hidden siblings that atomic writes
 *   rename over their target, scratch files and DuckDB's spill folder in the system's temporary
 *   folder. Every such name is made or registered here; one already renamed or removed no
 *   longer exists and is skipped;
 * - work still running that could create files after they are removed (a DuckDB `COPY` whose
 *   writer has not opened its file yet): its interrupters run first.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const made = new Set<string>();
const interrupters = new Set<() => void>();

/** A fresh file name in `dir` for `name`: hidden, unique to this process and call. */
export function temporaryPath(dir: string, name: string): string {
  return trackTemporary(join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`));
}

/** Registers a temporary file or folder made elsewhere (`mkdtemp`); returns it. */
export function trackTemporary(path: string): string {
  made.add(path);
  return path;
}

/** Registers how to stop running work when a signal ends the process; returns the unregistration. */
export function interruptOnSignal(interrupt: () => void): () => void {
  interrupters.add(interrupt);
  return () => void interrupters.delete(interrupt);
}

/** Stops running work, then removes every temporary file of this process that still exists (synchronous: runs in a signal handler just before exit). */
export function stopAndRemoveTemporaryFiles(): void {
  for (const interrupt of interrupters) {
    try {
      interrupt();
    } catch {
      // ending anyway: removing the files matters more
    }
  }
  for (const path of made) rmSync(path, { force: true, recursive: true });
  made.clear();
}
