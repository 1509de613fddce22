/** The lexer and parser on their own: tokens, AST shape and spans, recovery. */
import { describe, expect, it } from 'vitest';
import { parseStages } from '../../src/grammar/index.js';
import { StagesParser } from '../../src/grammar/parser.js';
import { stagesLexer } from '../../src/grammar/tokens.js';

const kinds = (text: string) => stagesLexer.tokenize(text).tokens.map((t) => t.tokenType.name);

describe('lexer', () => {
  it('reads keywords case-insensitively', () => {
    expect(kinds('STAGE Stage stage WHEN Not IN Is NULL')).toEqual(['Stage', 'Stage', 'Stage', 'When', 'Not', 'In', 'Is', 'Null']);
  });

  it('reads identifiers that start with a keyword as identifiers', () => {
    expect(kinds('ORDER notes Origin__c Dated instance isWon nullable stages leads')).toEqual(Array(9).fill('Identifier'));
    expect(kinds('includes in datetime date')).toEqual(['Includes', 'In', 'Datetime', 'Date']);
  });

  it('reads operators, numbers and strings', () => {
    expect(kinds("<= >= != <> == = < > -1.5e3 .5 'a\\'b' \"c\" `Date`")).toEqual([
      'Le', 'Ge', 'Ne', 'Ne', 'EqEq', 'Eq', 'Lt', 'Gt', 'NumberLiteral', 'NumberLiteral', 'SingleQuoted', 'DoubleQuoted', 'QuotedIdentifier',
    ]);
  });

  it('skips comments and whitespace', () => {
    expect(kinds('stage // c\n/* multi\nline */ 2\r\n\t"x"')).toEqual(['Stage', 'NumberLiteral', 'DoubleQuoted']);
  });
});

describe('parser', () => {
  it('passes Chevrotain\'s grammar validations (no ambiguity, no left recursion)', () => {
    expect(() => new StagesParser({ validate: true })).not.toThrow();
  });

  it('builds an AST whose spans point at the source', () => {
    const text = 'stage 2 "MQL" {\n  lead when not (Status = \'Open\' or IsConverted)\n}';
    const { ast, problems } = parseStages(text);
    expect(problems).toEqual([]);
    const [stage] = ast.stages;
    expect(text.slice(stage.keywordSpan.start, stage.keywordSpan.end)).toBe('stage');
    expect(text.slice(stage.label!.span.start, stage.label!.span.end)).toBe('"MQL"');
    expect(stage.label!.value).toBe('MQL');
    expect(stage.body.kind).toBe('block');
    if (stage.body.kind !== 'block') return;
    const [line] = stage.body.lines;
    expect(line.kind).toBe('criteria');
    if (line.kind !== 'criteria') return;
    expect(text.slice(line.span.start, line.span.end)).toBe("lead when not (Status = 'Open' or IsConverted)");
    expect(line.expr?.kind).toBe('not');
    if (line.expr?.kind !== 'not') return;
    expect(line.expr.arg?.kind).toBe('or');
    expect(text.slice(line.expr.span.start, line.expr.span.end)).toBe("not (Status = 'Open' or IsConverted)");
  });

  it('marks a line with a syntax error as recovered and leaves the missing parts out', () => {
    const { ast, problems } = parseStages('stage 2 "M" { lead when Status = }\nstage 3 "S" unused');
    expect(problems.map((p) => p.code)).toEqual(['SC105']);
    expect(ast.stages.map((s) => s.recovered)).toEqual([false, false]);
    const body = ast.stages[0].body;
    expect(body.kind === 'block' && body.lines[0]).toMatchObject({ kind: 'criteria', recovered: true, expr: { kind: 'compare', right: undefined } });
  });

  it('marks a declaration with a syntax error in its header or braces as recovered', () => {
    const { ast } = parseStages('stage 2 ( "M"\nstage 3 "S" { lead when IsConverted\nstage 5 "Q" unused');
    expect(ast.stages.map((s) => s.recovered)).toEqual([true, true, false]);
  });

  it('reports stray text before the first declaration once', () => {
    const { problems } = parseStages('hello world\nstage 2 "M" unused');
    expect(problems).toEqual([
      { code: 'SC105', message: "unexpected 'hello': a definition is an optional `journey \"Name\"` and `stage` declarations", span: { start: 0, end: 5 }, suggestion: undefined },
    ]);
  });

  it('handles CRLF line endings', () => {
    const { ast, problems } = parseStages('stage 2 "M" {\r\n  lead when IsConverted\r\n}\r\n');
    expect(problems).toEqual([]);
    expect(ast.stages).toHaveLength(1);
  });
});
