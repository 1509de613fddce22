import { type CliIo } from '../io.js';
export interface CompileCommandOptions {
    readonly target: 'sql' | 'ts';
    readonly dialect?: string;
    readonly out?: string;
    readonly schema?: string;
    readonly prefix?: string;
    readonly schemaName?: string;
}
export declare function compileCommand(file: string, opts: CompileCommandOptions, io: CliIo): Promise<number>;
