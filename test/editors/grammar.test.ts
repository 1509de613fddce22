/**
 * The VS Code TextMate grammar (`editors/vscode/syntaxes`), tokenized with the real engine
 * (vscode-textmate + vscode-oniguruma): scopes of keywords, strings with escapes, numbers,
 * date/datetime literals and comments, and every token of the example files gets a scope.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const require = createRequire(import.meta.url);
let grammar: textmate.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(join(require.resolve('vscode-oniguruma'), '..', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async () => textmate.parseRawGrammar(readFileSync('editors/vscode/syntaxes/stages.tmLanguage.json', 'utf8'), 'stages.tmLanguage.json'),
  });
  const loaded = await registry.loadGrammar('source.stages');
  if (!loaded) throw new Error('grammar did not load');
  grammar = loaded;
});

/** [text, innermost scope] of every non-blank run of same-scope tokens of `source`, trimmed. */
function tokens(source: string): [string, string][] {
  let state = textmate.INITIAL;
  const out: [string, string][] = [];
  for (const line of source.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    const runs: [string, string][] = [];
    for (const t of r.tokens) {
      const text = line.slice(t.startIndex, t.endIndex);
      const scope = t.scopes[t.scopes.length - 1];
      const last = runs[runs.length - 1];
      if (last && last[1] === scope) last[0] += text;
      else runs.push([text, scope]);
    }
    for (const [text, scope] of runs) if (text.trim() !== '') out.push([text.trim(), scope]);
    state = r.ruleStack;
  }
  return out;
}

describe('TextMate grammar', () => {
  test('scopes of each kind of token', () => {
    const source = "STAGE 2 \"M\\\"QL\" { // note\n  lead when Status in ('a\\'b') and Score >= -1.5e3 /* x\n y */ and CreatedDate > datetime '2025-01-31T12:00:00Z'\n  or CloseDate = date '2025-01-31' and not IsWon is null and Flag = TRUE\n}";
    expect(tokens(source)).toEqual([
      ['STAGE', 'keyword.declaration.stages'],
      ['2', 'constant.numeric.stages'],
      ['"M', 'string.quoted.double.stages'],
      ['\\"', 'constant.character.escape.stages'],
      ['QL"', 'string.quoted.double.stages'],
      ['{', 'punctuation.section.block.stages'],
      ['// note', 'comment.line.double-slash.stages'],
      ['lead', 'entity.name.type.object.stages'],
      ['when', 'keyword.control.stages'],
      ['Status', 'variable.other.field.stages'],
      ['in', 'keyword.operator.word.stages'],
      ['(', 'punctuation.section.parens.stages'],
      ["'a", 'string.quoted.single.stages'],
      ["\\'", 'constant.character.escape.stages'],
      ["b'", 'string.quoted.single.stages'],
      [')', 'punctuation.section.parens.stages'],
      ['and', 'keyword.operator.logical.stages'],
      ['Score', 'variable.other.field.stages'],
      ['>=', 'keyword.operator.comparison.stages'],
      ['-1.5e3', 'constant.numeric.stages'],
      ['/* x', 'comment.block.stages'],
      ['y */', 'comment.block.stages'],
      ['and', 'keyword.operator.logical.stages'],
      ['CreatedDate', 'variable.other.field.stages'],
      ['>', 'keyword.operator.comparison.stages'],
      ['datetime', 'storage.type.datetime.stages'],
      ["'2025-01-31T12:00:00Z'", 'constant.other.datetime.stages'],
      ['or', 'keyword.operator.logical.stages'],
      ['CloseDate', 'variable.other.field.stages'],
      ['=', 'keyword.operator.comparison.stages'],
      ['date', 'storage.type.date.stages'],
      ["'2025-01-31'", 'constant.other.date.stages'],
      ['and', 'keyword.operator.logical.stages'],
      ['not', 'keyword.operator.logical.stages'],
      ['IsWon', 'variable.other.field.stages'],
      ['is', 'keyword.operator.word.stages'],
      ['null', 'constant.language.stages'],
      ['and', 'keyword.operator.logical.stages'],
      ['Flag', 'variable.other.field.stages'],
      ['=', 'keyword.operator.comparison.stages'],
      ['TRUE', 'constant.language.stages'],
      ['}', 'punctuation.section.block.stages'],
    ]);
  });

  test('every token of examples/*.stages has a scope of the grammar, comments and keywords as such', () => {
    for (const file of readdirSync('examples').filter((f) => f.endsWith('.stages'))) {
      const toks = tokens(readFileSync(join('examples', file), 'utf8'));
      for (const [text, scope] of toks) expect(scope, `${file}: '${text}'`).toMatch(/\.stages$/);
      expect(toks.find(([t]) => t === 'journey')?.[1]).toBe('keyword.declaration.stages');
      expect(toks.filter(([, s]) => s === 'comment.line.double-slash.stages').length).toBeGreaterThan(0);
      expect(toks.find(([t]) => t === 'date follows')?.[1]).toBe('keyword.control.stages');
    }
  });
});
