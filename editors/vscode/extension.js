// Starts `stages lsp` (the command from the `stages.server.command` setting) for .stages files.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration('stages').get('server.command');
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  client = new LanguageClient(
    'stages',
    'Stagecraft',
    { command, args, options: { cwd, shell: process.platform === 'win32' } },
    {
      documentSelector: [{ language: 'stages' }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{stages.json,*.json}') },
    },
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
