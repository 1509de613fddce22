/** What a command may touch besides files: its output streams. Injected so tests run commands in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (colours in code frames). */
  readonly isTTY: boolean;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
};

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * A problem with the user's input (file, flag, data) that ends a command: printed as a
 * plain message without a stack trace, with the given exit code.
 */
export class UserError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.failure) {
    super(message);
    this.name = 'UserError';
  }
}

/** What the file-system errors an output write meets mean, in words. */
const WRITE_PROBLEMS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ELOOP: 'too many symbolic links',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
};

/**
 * The error for an output that could not be written (the atomic writers leave nothing behind):
 * what went wrong in words with the file system's code (`permission denied (EACCES)`), or the
 * first line of the message when there is no code.
 */
export function cannotWrite(path: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const reason =
    typeof code === 'string' ? `${WRITE_PROBLEMS[code] ?? 'error'} (${code})` : e instanceof Error ? e.message.split('\n')[0] : String(e);
  return new UserError(`cannot write ${path}: ${reason}; nothing was written`);
}
