/**
 * `stages lsp` driven by a real LSP client (vscode-languageserver-protocol) over the stdio of a
 * spawned `node bin/stages.js lsp`: initialize, diagnostics on open and on incremental
 * change, quick fixes, completion, hover, formatting, symbols, folding, stages.json schema
 * reloads, malformed messages, unknown methods, a 10,000-line file, shutdown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
  type PublishDiagnosticsParams, type CompletionItem, type Hover, type TextEdit, type DocumentSymbol, type FoldingRange, type CodeAction,
} from 'vscode-languageserver-protocol/node';

let server: ChildProcess;
let client: ProtocolConnection;
const published = new Map<string, PublishDiagnosticsParams[]>();
const waiters: (() => void)[] = [];
const dir = mkdtempSync(join(tmpdir(), 'stages-lsp-'));

function uriOf(name: string): string {
  return pathToFileURL(join(dir, name)).href;
}

/** The next diagnostics published for `uri` with at least `version`. */
async function diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
  for (;;) {
    const hit = (published.get(uri) ?? []).find((p) => (p.version ?? 0) >= version);
    if (hit) return hit;
    await new Promise<void>((resolve) => waiters.push(resolve));
  }
}

function open(name: string, text: string, version = 1): string {
  const uri = uriOf(name);
  void client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'stages', version, text } });
  return uri;
}

/** The labels the server completes at a position of `uri`. */
async function completionLabels(uri: string, line: number, character: number): Promise<string[]> {
  const items = (await client.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as CompletionItem[];
  return items.map((c) => c.label);
}

beforeAll(async () => {
  if (!existsSync('dist/cli/main.js')) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  server = spawn(process.execPath, ['bin/stages.js', 'lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  client = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
    waiters.splice(0).forEach((w) => w());
  });
  client.onNotification('window/logMessage', () => undefined);
  client.listen();
  const init = await client.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
  expect((init as { capabilities: Record<string, unknown> }).capabilities).toMatchObject({
    hoverProvider: true, documentFormattingProvider: true, documentSymbolProvider: true, foldingRangeProvider: true,
  });
  void client.sendNotification('initialized', {});
}, 30_000);

afterAll(async () => {
  if (client) {
    await client.sendRequest('shutdown');
    void client.sendNotification('exit');
  }
  await new Promise<void>((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', () => resolve())));
  expect(server.exitCode).toBe(0);
  client.dispose();
});

const PLANTED = 'stage 2 "MQL" {\n  lead when Stauts = \'Open\'\n}\nstage 5 "SQL" {\n  opportunity when Probability = null\n}\n';

describe('stages lsp', () => {
  test('diagnostics on open: the codes, ranges and severities of stages check, with quick fixes', async () => {
    const uri = open('planted.stages', PLANTED);
    const { diagnostics } = await diagnosticsFor(uri, 1);
    expect(diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range, message: d.message }))).toEqual([
      { code: 'SC201', severity: 1, range: { start: { line: 1, character: 12 }, end: { line: 1, character: 18 } }, message: "unknown field 'Stauts' on Lead; did you mean 'Status'?" },
      expect.objectContaining({ severity: 1, range: expect.objectContaining({ start: { line: 4, character: 31 } }) }),
    ]);
    const actions = (await client.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] },
    })) as CodeAction[];
    expect(actions[0].edit?.changes?.[uri]).toEqual([{ range: diagnostics[0].range, newText: 'Status' }]);
    // Published once for the version opened (the code action's reply came after any other).
    expect(published.get(uri)!.filter((p) => p.version === 1)).toHaveLength(1);
  });

  test('an incremental edit re-checks the document', async () => {
    const uri = uriOf('planted.stages');
    void client.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 1, character: 12 }, end: { line: 1, character: 18 } }, text: 'Status' },
        { range: { start: { line: 4, character: 31 }, end: { line: 4, character: 37 } }, text: 'is null' },
      ],
    });
    expect((await diagnosticsFor(uri, 2)).diagnostics).toEqual([]);
  });

  test('completion: objects of the stage, fields with types, operators, picklist values, date fields', async () => {
    const text = 'stage 2 "MQL" {\n  \n  lead when \n  lead when Status \n  lead when Status in (\n}\nstage 6 "Won" {\n  date follows \n}\n';
    const uri = open('complete.stages', text);
    const at = (line: number, character: number) => completionLabels(uri, line, character);
    expect(await at(1, 2)).toEqual(['lead', 'contact']);
    const fields = (await client.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 12 } })) as CompletionItem[];
    expect(fields.find((f) => f.label === 'Status')?.detail).toBe('picklist [New, Open, Routed, Working, Nurture, Qualified, Unqualified, Converted]');
    expect(await at(3, 19)).toEqual(['=', '!=', 'in', 'not in', 'is null', 'is not null']);
    expect(await at(4, 23)).toContain("'Working'");
    expect(await at(7, 15)).toContain('CloseDate');
  });

  test('completion offers only what may follow: unused after a label, true/false, ( after includes', async () => {
    const text = '\nstage 2 "MQL" \nstage 3 "SAL" {\n  lead when IsConverted = \n  lead when Interests includes \n}\n';
    const uri = open('complete-more.stages', text);
    const at = (line: number, character: number) => completionLabels(uri, line, character);
    expect(await at(0, 0)).toEqual(['journey', 'stage']);
    expect(await at(1, 14)).toEqual(['unused', '{']);
    expect(await at(3, 26)).toEqual(['true', 'false']);
    expect(await at(4, 31)).toEqual(['(']);
  });

  test('hover: field type and values, stage meaning, keywords', async () => {
    const uri = uriOf('planted.stages');
    const hover = (await client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 14 } })) as Hover;
    expect(hover.contents).toEqual({ kind: 'markdown', value: '**Lead.Status**: `picklist`\n\nValues: `New`, `Open`, `Routed`, `Working`, `Nurture`, `Qualified`, `Unqualified`, `Converted`' });
    const stage = (await client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 1 } })) as Hover;
    expect(JSON.stringify(stage.contents)).toContain('Qualified opportunity');
  });

  test('formatting is stages fmt; symbols and folding ranges', async () => {
    const uri = open('messy.stages', 'STAGE 2 "MQL" { LEAD WHEN IsConverted }\n');
    const edits = (await client.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    expect(edits.map((e) => e.newText)).toEqual(['stage 2 "MQL" {\n  lead when IsConverted\n}\n']);
    const symbols = (await client.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uriOf('planted.stages') } })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['stage 2 "MQL"', 'stage 5 "SQL"']);
    const folds = (await client.sendRequest('textDocument/foldingRange', { textDocument: { uri: uriOf('planted.stages') } })) as FoldingRange[];
    expect(folds.map((f) => [f.startLine, f.endLine])).toEqual([[0, 1], [3, 4]]);
  });

  test('the schema of a stages.json beside the file, reloaded when it changes', async () => {
    const schema = JSON.parse(readFileSync('schema/salesforce.json', 'utf8')) as { objects: { Lead: { fields: Record<string, unknown> } } };
    const custom = join(dir, 'custom.json');
    writeFileSync(custom, JSON.stringify(schema));
    writeFileSync(join(dir, 'stages.json'), JSON.stringify({ schema: 'custom.json' }));
    const uri = open('custom.stages', 'stage 2 "MQL" {\n  lead when Region__c = \'EU\'\n}\n');
    expect((await diagnosticsFor(uri, 1)).diagnostics.map((d) => d.code)).toEqual(['SC201']);
    schema.objects.Lead.fields.Region__c = { type: 'text' };
    writeFileSync(custom, JSON.stringify(schema));
    void client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(custom).href, type: 2 }] });
    void client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'stage 2 "MQL" {\n  lead when Region__c = \'EU\'\n}\n' }] });
    expect((await diagnosticsFor(uri, 3)).diagnostics).toEqual([]);
  });

  test('unknown methods are answered with MethodNotFound, malformed messages do not kill it, a 10,000-line file is checked', async () => {
    await expect(client.sendRequest('stages/noSuchMethod', {})).rejects.toMatchObject({ code: -32601 });
    // A syntactically valid frame with a body that is not JSON, then one with a bad header.
    server.stdin!.write('Content-Length: 9\r\n\r\n{not json');
    const lines = ['stage 2 "MQL" {', '  lead when Status = \'Open\''];
    for (let i = 0; i < 9_997; i++) lines.push(`    or Score > ${i}`);
    lines.push('}');
    const uri = open('big.stages', `${lines.join('\n')}\n`);
    const { diagnostics } = await diagnosticsFor(uri, 1);
    expect(diagnostics).toEqual([]);
    const hover = (await client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5000, character: 8 } })) as Hover;
    expect(hover.contents).toEqual({ kind: 'markdown', value: '**Lead.Score**: `double`' });
  }, 60_000);
});
