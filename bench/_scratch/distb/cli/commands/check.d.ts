import type { Schema } from '../../schema/types.js';
import { type CliIo } from '../io.js';
export interface CheckCommandOptions {
    readonly schema?: string;
    readonly format?: 'text' | 'json';
}
/** Loads `--schema` (or the default); a bad schema file is a usage problem (exit 2). */
export declare function schemaFromOption(path: string | undefined): Schema;
export declare function checkCommand(file: string, opts: CheckCommandOptions, io: CliIo): Promise<number>;
