/** The `stagecraft` package: the compiler's programmatic API. */
export type * from './compiler/ir.js';
export type * from './schema/types.js';
export { loadSchema, loadDefaultSchema, validateSchema, SchemaError } from './schema/load.js';
