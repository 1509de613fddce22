import { type CliIo } from '../io.js';
/** The shipped default definition (works from src/ under vitest and from dist/). */
export declare const DEFAULT_DEFINITION_PATH: string;
export interface InitOptions {
    readonly force?: boolean;
}
export declare function initCommand(dir: string, opts: InitOptions, io: CliIo): Promise<number>;
