import { type Schema } from './types.js';
/** Path of the shipped default schema (works from src/ under vitest and from dist/). */
export declare const DEFAULT_SCHEMA_PATH: string;
export declare class SchemaError extends Error {
    readonly file: string;
    constructor(file: string, message: string);
}
export declare function loadDefaultSchema(): Schema;
export declare function loadSchema(file: string): Schema;
/** Checks the shape of a parsed schema document and returns it typed; every problem is named. */
export declare function validateSchema(json: unknown, file?: string): Schema;
