/** What a command may touch besides files: its output streams. Injected so tests run commands in-process. */
export interface CliIo {
    out(text: string): void;
    err(text: string): void;
    /** Whether stderr is a terminal (colours in code frames). */
    readonly isTTY: boolean;
}
export declare const processIo: CliIo;
/** Exit codes shared by every command. */
export declare const EXIT: {
    readonly ok: 0;
    readonly failure: 1;
    readonly usage: 2;
};
/**
 * A problem with the user's input (file, flag, data) that ends a command: printed as a
 * plain message without a stack trace, with the given exit code.
 */
export declare class UserError extends Error {
    readonly exitCode: number;
    constructor(message: string, exitCode?: number);
}
