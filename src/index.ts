/** The `stagecraft` package: the compiler's programmatic API. */
export type * from './compiler/ir.js';
export type * from './schema/types.js';
export { loadSchema, loadDefaultSchema, validateSchema, SchemaError } from './schema/load.js';
export {
  checkSource,
  checkFile,
  formatDiagnostics,
  diagnosticsToJson,
  SourceFileError,
  type CheckOptions,
  type CheckResult,
  type FileCheckResult,
  type Diagnostic,
  type Position,
  type Range,
  type Severity,
} from './compiler/index.js';
export { importDescribes, SchemaImportError, type DescribeDocument, type ImportOptions, type ImportResult } from './schema/import.js';
