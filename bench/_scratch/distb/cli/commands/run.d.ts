import { type CliIo } from '../io.js';
export interface RunOptions {
    data: string;
    engine: 'duckdb' | 'ts' | 'postgres';
    out?: string;
    schema?: string;
    url?: string;
    keep?: boolean;
    db?: string;
    quiet?: boolean;
}
export declare function runCommand(file: string, opts: RunOptions, io: CliIo): Promise<number>;
