/**
 * `stages lsp`: a Language Server Protocol server on stdio (vscode-languageserver).
 *
 * Diagnostics are exactly `stages check`'s (same checker, codes, ranges, severities), with a
 * quick fix for every did-you-mean suggestion; formatting is `stages fmt`; completion, hover,
 * symbols and folding come from `language.ts`. The schema is `--schema FILE`, else the
 * `"schema"` path of a `stages.json` beside the document (relative to that file), else the
 * shipped Salesforce schema; a schema file is re-read when its modification time changes, and
 * every open document is re-checked when the client reports a watched file changed.
 *
 * The server must never die on its input: every handler catches and logs, malformed messages
 * and unknown methods are answered by vscode-jsonrpc per the protocol.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind, CompletionItemKind, createConnection, DiagnosticSeverity, DocumentSymbol, FoldingRangeKind, ProposedFeatures, SymbolKind,
  TextDocuments, TextDocumentSyncKind, TextEdit, type CompletionItem, type Connection, type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver/node';
import { checkSource, type Diagnostic } from '../compiler/index.js';
import { formatStages } from '../grammar/format.js';
import { loadDefaultSchema, loadSchema } from '../schema/load.js';
import type { Schema } from '../schema/types.js';
import { completionsAt, foldingRangesOf, hoverAt, symbolsOf, type CompletionKind } from './language.js';

export interface LspOptions {
  /** `--schema FILE`: overrides any `stages.json`. */
  readonly schema?: string;
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  object: CompletionItemKind.Class,
  field: CompletionItemKind.Field,
  operator: CompletionItemKind.Operator,
  value: CompletionItemKind.EnumMember,
};

/** Schemas by path, re-read when the file's mtime changes. */
class SchemaCache {
  private readonly cache = new Map<string, { mtimeMs: number; schema: Schema }>();
  private readonly fallback = loadDefaultSchema();

  constructor(private readonly override: string | undefined, private readonly log: (m: string) => void) {}

  forDocument(uri: string): Schema {
    const path = this.override ?? this.settingsSchema(uri);
    if (path === undefined) return this.fallback;
    try {
      const mtimeMs = statSync(path).mtimeMs;
      const hit = this.cache.get(path);
      if (hit && hit.mtimeMs === mtimeMs) return hit.schema;
      const schema = loadSchema(path);
      this.cache.set(path, { mtimeMs, schema });
      return schema;
    } catch (e) {
      this.log(`schema ${path}: ${(e as Error).message}; using the default Salesforce schema`);
      return this.fallback;
    }
  }

  /** `stages.json` beside the document: `{ "schema": "path/to/schema.json" }`. */
  private settingsSchema(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const settings = join(dirname(fileURLToPath(uri)), 'stages.json');
    if (!existsSync(settings)) return undefined;
    try {
      const parsed = JSON.parse(readFileSync(settings, 'utf8')) as { schema?: unknown };
      return typeof parsed.schema === 'string' ? resolve(dirname(settings), parsed.schema) : undefined;
    } catch (e) {
      this.log(`${settings}: ${(e as Error).message}`);
      return undefined;
    }
  }
}

function toLsp(d: Diagnostic): LspDiagnostic {
  return {
    range: { start: { line: d.range.start.line - 1, character: d.range.start.column - 1 }, end: { line: d.range.end.line - 1, character: d.range.end.column - 1 } },
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: 'stages',
    message: d.message,
    ...(d.suggestion === undefined ? {} : { data: { suggestion: d.suggestion } }),
  };
}

/** Runs `handler`, logging instead of crashing on an unexpected exception. */
function guarded<A extends unknown[], R>(connection: Connection, fallback: R, handler: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    try {
      return handler(...args);
    } catch (e) {
      connection.console.error(`stages lsp: ${(e as Error).stack ?? String(e)}`);
      return fallback;
    }
  };
}

export function startLanguageServer(options: LspOptions = {}): void {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  const schemas = new SchemaCache(options.schema && resolve(options.schema), (m) => connection.console.warn(m));

  const validate = guarded(connection, undefined, (doc: TextDocument) => {
    const { diagnostics } = checkSource(doc.getText(), { file: doc.uri, schema: schemas.forDocument(doc.uri) });
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnostics.map(toLsp) });
  });

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [' ', '(', ',', "'"] },
      hoverProvider: true,
      documentFormattingProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'stages' },
  }));

  // TextDocuments fires onDidChangeContent on open too: one handler, one publication per version.
  documents.onDidChangeContent((e) => validate(e.document));
  documents.onDidClose((e) => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  connection.onDidChangeWatchedFiles(guarded(connection, undefined, () => documents.all().forEach(validate)));

  connection.onCompletion(
    guarded(connection, [] as CompletionItem[], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return completionsAt(doc.getText(), doc.offsetAt(params.position), schemas.forDocument(doc.uri)).map((c) => ({
        label: c.label,
        kind: COMPLETION_KIND[c.kind],
        ...(c.detail === undefined ? {} : { detail: c.detail }),
        ...(c.insert === undefined ? {} : { insertText: c.insert }),
      }));
    }),
  );

  connection.onHover(
    guarded(connection, null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const hover = hoverAt(doc.getText(), doc.offsetAt(params.position), schemas.forDocument(doc.uri));
      if (!hover) return null;
      return { contents: { kind: 'markdown', value: hover.text }, range: { start: doc.positionAt(hover.start), end: doc.positionAt(hover.end) } };
    }),
  );

  connection.onDocumentFormatting(
    guarded(connection, null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const result = formatStages(doc.getText());
      if (!result.ok || !result.changed) return [];
      return [TextEdit.replace({ start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, result.text)];
    }),
  );

  connection.onDocumentSymbol(
    guarded(connection, [] as DocumentSymbol[], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return symbolsOf(doc.getText()).map((s) =>
        DocumentSymbol.create(
          s.name,
          undefined,
          s.kind === 'journey' ? SymbolKind.Namespace : SymbolKind.Class,
          { start: doc.positionAt(s.start), end: doc.positionAt(s.end) },
          { start: doc.positionAt(s.selectionStart), end: doc.positionAt(s.selectionEnd) },
        ),
      );
    }),
  );

  connection.onFoldingRanges(
    guarded(connection, [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return foldingRangesOf(doc.getText())
        .map((r) => ({ startLine: doc.positionAt(r.start).line, endLine: doc.positionAt(r.end).line - (r.comment ? 0 : 1), ...(r.comment ? { kind: FoldingRangeKind.Comment } : {}) }))
        .filter((r) => r.endLine > r.startLine);
    }),
  );

  connection.onCodeAction(
    guarded(connection, [], (params) =>
      params.context.diagnostics
        .filter((d) => typeof (d.data as { suggestion?: unknown } | undefined)?.suggestion === 'string')
        .map((d) => {
          const suggestion = (d.data as { suggestion: string }).suggestion;
          return {
            title: `Replace with ${suggestion}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            isPreferred: true,
            edit: { changes: { [params.textDocument.uri]: [TextEdit.replace(d.range, suggestion)] } },
          };
        }),
    ),
  );

  documents.listen(connection);
  connection.listen();
}
