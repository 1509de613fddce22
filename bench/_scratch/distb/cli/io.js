export const processIo = {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
};
/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 };
/**
 * A problem with the user's input (file, flag, data) that ends a command: printed as a
 * plain message without a stack trace, with the given exit code.
 */
export class UserError extends Error {
    exitCode;
    constructor(message, exitCode = EXIT.failure) {
        super(message);
        this.exitCode = exitCode;
        this.name = 'UserError';
    }
}
//# sourceMappingURL=io.js.map