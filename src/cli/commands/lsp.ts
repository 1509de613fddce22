/** `stages lsp [--schema FILE]`: the language server on stdio (`src/lsp/server.ts`). Runs until the client exits it. */
import type { LspOptions } from '../../lsp/server.js';

export async function lspCommand(opts: LspOptions): Promise<void> {
  const { startLanguageServer } = await import('../../lsp/server.js');
  startLanguageServer(opts);
  // The connection keeps the process alive; resolve only when the client ends it.
  await new Promise<void>(() => undefined);
}
