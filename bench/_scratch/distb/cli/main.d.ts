import { type CliIo } from './io.js';
/** Runs the CLI; resolves to the process exit code. Never throws for bad user input. */
export declare function main(argv: readonly string[], io?: CliIo): Promise<number>;
