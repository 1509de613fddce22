/**
 * Every recursive pass is safe at the parser's nesting limit: a criteria expression nested
 * MAX_NESTING deep (parentheses and `not`s, alternating and each alone) is checked, compiled to
 * every SQL dialect and to TypeScript, and evaluated by the runtime without exhausting the
 * stack — so the SC109 limit, not the call stack, is what refuses deeper input. A long flat
 * and/or chain is not nesting and must pass too (the TS back end groups it for tsc).
 */
import { describe, expect, it } from 'vitest';
import { MAX_NESTING } from '../../src/grammar/index.js';
import { compileSql } from '../../src/compiler/sql/index.js';
import { DIALECT_NAMES } from '../../src/compiler/sql/dialect.js';
import { compileTs, loadCompiledDefinition } from '../../src/compiler/ts/index.js';
import { createEvaluator } from '../../src/runtime/index.js';
import { check } from '../support/checker.js';

/**
 * `depth` levels of nesting around `Probability > 0`, each level the piece `opener` returns;
 * every shape has an even number of `not`s, so the predicate stays `Probability > 0`.
 */
function nested(opener: (level: number) => string, depth: number): string {
  let open = '';
  let close = '';
  for (let level = 0; level < depth; level++) {
    const piece = opener(level);
    open += piece;
    if (piece === '(') close += ')';
  }
  return `stage 5 "SQL" { opportunity when ${open}Probability > 0${close} }`;
}

const SHAPES: [string, (level: number) => string][] = [
  ['parentheses', () => '('],
  ['nots', () => 'not '],
  ['alternating', (level) => (level % 2 === 0 ? 'not ' : '(')],
];

describe('nesting at the limit', () => {
  it.each(SHAPES)('%s: check, compile (SQL on every dialect, TS) and evaluate', async (_name, opener) => {
    const source = nested(opener, MAX_NESTING);
    const { definition, diagnostics } = check(source);
    expect(diagnostics).toEqual([]);
    expect(definition).not.toBeNull();
    for (const dialect of DIALECT_NAMES) expect(compileSql(definition!, { dialect })).toContain('stage_stamps');
    expect(compileTs(definition!)).toContain('stage5Opportunity');
    const ev = createEvaluator(await loadCompiledDefinition(definition!));
    ev.upsert('Opportunity', { Id: 'O1', valid_from: '2025-01-02T00:00:00.000Z', Probability: 10 });
    expect(ev.stamps().map((s) => s.stage)).toEqual([4, 5]);
  });

  it.each(SHAPES)('%s: one level deeper is SC109, not a crash', (_name, opener) => {
    expect(check(nested(opener, MAX_NESTING + 1)).diagnostics.map((d) => d.code)).toEqual(['SC109']);
  });
});

describe('wide expressions', () => {
  // A long flat chain is not nesting: its passes must not recurse once per operand. (A 100,000
  // comparison line checks in about 6 s and compiles to both targets, roughly linear; this
  // keeps a smaller one in the default run.)
  it('a criteria line of 20,000 comparisons joined by and/or is checked and compiled', async () => {
    const terms = Array.from({ length: 20_000 }, (_, i) => `Probability > ${i}`);
    const source = `stage 5 "SQL" { opportunity when ${terms.map((t, i) => (i === 0 ? t : `${i % 3 === 0 ? 'and' : 'or'} ${t}`)).join(' ')} }`;
    const { definition, diagnostics } = check(source);
    expect(diagnostics).toEqual([]);
    expect(compileSql(definition!, { dialect: 'postgres' })).toContain('19999');
    const ev = createEvaluator(await loadCompiledDefinition(definition!));
    ev.upsert('Opportunity', { Id: 'O1', valid_from: '2025-01-02T00:00:00.000Z', Probability: 30_000 });
    expect(ev.stamps().map((s) => s.stage)).toEqual([4, 5]);
  });
});
