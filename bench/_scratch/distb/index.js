export { loadSchema, loadDefaultSchema, validateSchema, SchemaError } from './schema/load.js';
export { checkSource, checkFile, formatDiagnostics, diagnosticsToJson, SourceFileError, } from './compiler/index.js';
export { importDescribes, SchemaImportError } from './schema/import.js';
//# sourceMappingURL=index.js.map