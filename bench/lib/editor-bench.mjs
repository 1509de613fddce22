/**
 * Editor figures: `stages fmt` in-process on a definition of 1,000 comparisons, and the time
 * from a `textDocument/didChange` to the `publishDiagnostics` that answers it, measured
 * through a real LSP client talking to a spawned `stages lsp` over stdio.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ROOT } from './definitions.mjs';
import { nowMs } from './stats.mjs';

/** @type {typeof import('../../src/grammar/format.js')} */
const formatter = await import(pathToFileURL(`${ROOT}dist/grammar/format.js`).href);

/** One run of `formatStages` on `source`, in ms. @param {string} source */
export function formatOnce(source) {
  const t0 = nowMs();
  const result = formatter.formatStages(source);
  const ms = nowMs() - t0;
  if (!result.ok) throw new Error('the generated definition has syntax errors');
  return ms;
}

/**
 * A running `stages lsp` with one open document; `changeOnce()` replaces its text (alternating
 * two variants so each change is real) and resolves to the ms until its diagnostics arrive.
 * @param {string} source
 */
export async function openLanguageServer(source) {
  const server = spawn(process.execPath, [join(ROOT, 'bin/stages.js'), 'lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const client = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  /** @type {Map<number, () => void>} */
  const pending = new Map();
  client.onNotification('textDocument/publishDiagnostics', (/** @type {{ version?: number }} */ p) => pending.get(p.version ?? -1)?.());
  client.onNotification('window/logMessage', () => undefined);
  client.listen();
  await client.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  void client.sendNotification('initialized', {});
  const uri = pathToFileURL(join(ROOT, 'bench-generated-1000.stages')).href;
  let version = 1;
  const published = (v) => new Promise((resolve) => pending.set(v, () => resolve(undefined)));
  const first = published(1);
  void client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'stages', version, text: source } });
  await first;
  return {
    async changeOnce() {
      version++;
      const text = version % 2 === 0 ? `${source}\n` : source;
      const done = published(version);
      const t0 = nowMs();
      void client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      await done;
      return nowMs() - t0;
    },
    async close() {
      await client.sendRequest('shutdown');
      void client.sendNotification('exit');
      await new Promise((resolve) => (server.exitCode !== null ? resolve(undefined) : server.once('exit', resolve)));
      client.dispose();
    },
  };
}
