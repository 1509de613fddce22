import { type CliIo } from '../io.js';
export interface SchemaImportOptions {
    /** Repeated `--object Logical=ApiName`. */
    readonly object?: readonly string[] | string;
    /** Repeated `--role Object.role=Field`. */
    readonly role?: readonly string[] | string;
}
export declare function schemaImportCommand(files: readonly string[], opts: SchemaImportOptions, io: CliIo): Promise<number>;
