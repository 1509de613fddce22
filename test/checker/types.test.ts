/** The type rules of SPEC §2 per value family, and reporting every problem in one run. */
import { describe, expect, it } from 'vitest';
import { check, exprProblems, predicateOf } from '../support/checker.js';

/** Just the codes (and the column, on line 2 where the expression is) of an expression's problems. */
function codes(object: 'lead' | 'contact' | 'opportunity', expr: string): string[] {
  return exprProblems(object, expr).map((p) => p.replace(/ @ 2:(\d+):.*$/, '@$1').replace(/^(error|warning) /, ''));
}

describe('type rules', () => {
  it.each([
    // text family (id, reference, text)
    ['lead', "Email > 'a'", ['SC206@19']],
    ['lead', 'Email = 5', ['SC203@21']],
    ['lead', 'Email starts with 5', ['SC203@31']],
    ['lead', 'Email contains null', ['SC205@28']],
    ['lead', 'Email < Country', ['SC206@19']],
    ['lead', 'OwnerId = ConvertedContactId', []],
    // picklist
    ['lead', "Status in ('Open', 'Bogus')", ['SC204@32']],
    ['lead', 'Status = LeadSource', []],
    ['lead', 'Status < LeadSource', ['SC206@20']],
    ['lead', 'Status = 3', ['SC203@22']],
    ['lead', "Status starts with 'O'", ['SC202@20']],
    // multi-select picklist
    ['lead', "Interests = 'AI'", ['SC202@23']],
    ['lead', "Interests in ('AI')", ['SC202@23']],
    ['lead', "Interests includes ('AI;', 'Cloud')", ['SC204@33']],
    ['lead', 'Interests includes 5', ['SC203@32']],
    ['lead', 'Interests is null', []],
    ['lead', "Interests includes ('AI', 'AI')", ['SC402@39']],
    // boolean
    ['opportunity', "IsWon = 'true'", ['SC203@28']],
    ['opportunity', 'IsWon > false', ['SC206@26']],
    ['opportunity', 'IsWon in (true)', ['SC202@26']],
    ['opportunity', 'IsWon = Amount', ['SC207@28']],
    ['opportunity', 'IsWon is not null and IsWon != false', []],
    // number
    ['opportunity', "Amount in (1, 'x')", ['SC203@34']],
    ['opportunity', "Amount contains '1'", ['SC202@27']],
    ['opportunity', 'Amount includes 1', ['SC202@27']],
    ['opportunity', 'Amount >= Probability', []],
    // date
    ['opportunity', "CloseDate > datetime '2025-01-01T00:00:00Z'", ['SC203@32']],
    ['opportunity', "CloseDate = '2025-01-01'", ['SC203@32']],
    ['opportunity', "CloseDate in (date '2025-01-01', date '2025-01-02')", []],
    ['opportunity', 'CloseDate < Amount', ['SC207@32']],
    ['opportunity', "CloseDate > date '2025-1-1'", ['SC107@32']],
    // null
    ['lead', 'Status != null', ['SC205@20']],
    ['lead', "Status in ('Open', null)", ['SC205@32']],
    ['lead', 'Score < null', ['SC205@19']],
  ] as const)('%s when %s', (object, expr, expected) => {
    expect(codes(object, expr)).toEqual(expected);
  });

  it('offers the fix for = null / != null', () => {
    const r = check('stage 2 "M" {\n  lead when Status != null\n}');
    expect(r.diagnostics[0]).toMatchObject({ code: 'SC205', suggestion: 'is not null', range: { start: { line: 2, column: 20 }, end: { line: 2, column: 27 } } });
  });

  it('suggests the literal of the right kind', () => {
    const r = check('stage 5 "Q" {\n  opportunity when CloseDate = \'2025-01-01\' or IsWon = "TRUE" or Amount > \'10\'\n}');
    expect(r.diagnostics.map((d) => d.suggestion)).toEqual(["date '2025-01-01'", 'true', '10']);
  });

  it('suggests picklist values case-insensitively and lists the values when nothing is close', () => {
    expect(exprProblems('lead', "Rating = 'hot'")).toEqual(["error SC204 @ 2:22: 'hot' is not a value of picklist field 'Rating'; did you mean 'Hot'?"]);
    expect(exprProblems('lead', "Rating = 'Lukewarm'")).toEqual([
      "error SC204 @ 2:22: 'Lukewarm' is not a value of picklist field 'Rating' (values: 'Hot', 'Warm', 'Cold')",
    ]);
  });

  it('recognises a picklist value written without quotes', () => {
    expect(check('stage 2 "M" { lead when Status = Working }').diagnostics[0]).toMatchObject({
      code: 'SC201',
      message: "unknown field 'Working' on Lead; to compare with the value 'Working', quote it",
      suggestion: "'Working'",
    });
  });

  it('reports every problem of a file in one run, in source order', () => {
    const source = [
      'stage 2 "MQL" {',
      "  lead when Stauts = 'Open' and Score > 'x'",
      "  contact when Status = 'Wroking' or Interests = 'AI'",
      '}',
      'stage 5 "SQL" { opportunity when Probability > 0 and CloseDate > 5 }',
      'stage 6 "Won" {',
      '  opportunity when IsWon',
      '  date follows IsClosed',
      '}',
      'stage 4 "Opp" { opportunity when IsWon }',
    ].join('\n');
    const r = check(source);
    expect(r.definition).toBeNull();
    expect(r.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.column}`)).toEqual([
      'SC201@2:13',
      'SC203@2:41',
      'SC204@3:25',
      'SC202@3:48',
      'SC203@5:66',
      'SC211@8:16',
      'SC303@10:15',
    ]);
  });

  it('does not cascade errors from a line the parser could not read', () => {
    const r = check('stage 2 "MQL" {\n  lead when Status = \n  contact when Status = \'Open\'\n}\nstage 3 "SAL" {\n  lead when (Status = \'Working\'\n}\n');
    expect(r.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.column}`)).toEqual(['SC105@2:21', 'SC105@6:32']);
  });

  it('keeps warnings out of the way of a clean definition', () => {
    const r = check('stage 2 "M" { lead when Status in (\'Open\', \'Open\') }\nstage 3 "S" { }');
    expect(r.definition).not.toBeNull();
    expect(r.diagnostics.map((d) => d.severity)).toEqual(['warning', 'warning']);
    expect(predicateOf('lead', "Status in ('Open')")).toMatchObject({ kind: 'in' });
  });
});

describe('syntax errors', () => {
  it('suggests the keyword a misspelt word was probably meant to be', () => {
    expect(check('stage 2 "M" {\n  lead whn Status = \'Open\'\n}').diagnostics[0]).toMatchObject({
      code: 'SC105',
      message: "expected 'when' but found 'whn'; did you mean 'when'?",
      suggestion: 'when',
    });
    expect(check('stage 3 "S" unsed').diagnostics[0]).toMatchObject({ suggestion: 'unused' });
    expect(check('stag 2 "M"').diagnostics[0]).toMatchObject({ code: 'SC105', suggestion: 'stage' });
    expect(check('stage 2 "M" {\n  leads when IsConverted\n}').diagnostics[0]).toMatchObject({ code: 'SC212', suggestion: 'lead' });
  });

  it('places an error about a missing token after the previous token, inside the file', () => {
    const source = 'stage 2 "M" {\n  lead when Status in (\'Open\'';
    const [d] = check(source).diagnostics;
    expect(d).toMatchObject({ code: 'SC105', range: { start: { line: 2, column: 30, offset: source.length } } });
  });

  it('reports a broken declaration without losing the declarations after it', () => {
    const r = check('stage 2 "M" {{ lead when IsConverted }\nstage 3 "S" { lead when Bogus }\nstage 5 "Q" { opportunity when Amount > }');
    expect(r.diagnostics.map((d) => `${d.code}@${d.range.start.line}`)).toEqual(['SC105@1', 'SC201@2', 'SC105@3']);
  });

  it('keeps a syntax error to its line: the other lines are still checked, the broken one is not', () => {
    const r = check(
      [
        'stage 2 "M" {',
        "  lead when Status = 'Open' Status = 'Routed'",
        "  contact when Stauts = 'x'",
        '}',
        'stage 5 "Q" {',
        "  opportunity when StageName startswith 'x'",
        '}',
      ].join('\n'),
    );
    expect(r.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.column} ${d.message}`)).toEqual([
      "SC105@2:29 unexpected 'Status': expected 'and', 'or' or the end of the line",
      "SC201@3:16 unknown field 'Stauts' on Contact; did you mean 'Status'?",
      "SC105@6:30 unexpected 'startswith': expected 'and', 'or' or the end of the line; did you mean 'starts with'?",
    ]);
  });

  it('reports block structure problems once', () => {
    const lines = (source: string) => check(source).diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.column} ${d.message}`);
    expect(lines('stage 2 "M"\n  lead when IsConverted\n}')).toEqual([
      "SC105@2:3 unexpected 'lead': criteria lines belong inside '{ … }' after the stage label",
      "SC105@3:1 unexpected '}': this stage has no '{ … }' block",
    ]);
    expect(lines('stage 2 "M" {\n  lead when IsConverted\nstage 3 "S" { lead when Bogus }')).toEqual([
      "SC105@2:24 expected '}' to close the block of this stage but found 'stage'",
      "SC201@3:25 unknown field 'Bogus' on Lead",
    ]);
    expect(lines('stage 2 "M" { lead when IsConverted } }')).toEqual(["SC105@1:39 unexpected '}' after the end of the stage's block"]);
    expect(lines('stage "M" {\n  lead when Stauts = \'x\'\n}')).toEqual(["SC105@1:7 expected a number but found '\"M\"'"]);
    expect(lines('stage 2 "M" { Status = \'Open\' }')).toEqual([
      "SC105@1:15 expected a criteria line (`lead`, `contact` or `opportunity when …`) or `date follows FIELD` but found 'Status'",
    ]);
  });

  it('accepts comments anywhere and criteria spread over lines', () => {
    const r = check('// head\nstage 2 /* inline */ "M" {\n  lead when Status in (\n    \'Open\', // first\n    \'Routed\'\n  )\n}\n');
    expect(r.diagnostics).toEqual([]);
  });
});

describe('stages without criteria', () => {
  it('warns for a bare or empty customizable stage, but not for stages 1 and 4 or after a syntax error', () => {
    expect(check('stage 1 "A"\nstage 4 "O"\nstage 3 "S"\nstage 6 "W" { }').diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.column} ${d.message}`)).toEqual([
      'SC401@3:9 stage 3 has no criteria: it is stamped only by back-fill from later stages (write `unused` to switch it off)',
      'SC401@4:13 stage 6 has no criteria: it is never stamped (write `unused` to switch it off)',
    ]);
    expect(check('stage 3 "S" unsed').diagnostics.map((d) => d.code)).toEqual(['SC105']);
    expect(check('stage 3 "S" {').diagnostics.map((d) => d.code)).toEqual(['SC105']);
    const def = check('stage 3 "S"').definition!;
    expect(def.stages[2]).toEqual({ stage: 3, label: 'S', enabled: true, criteria: {} });
  });
});

describe('misspelt operators', () => {
  it.each([
    ["Email contians 'x'", 'contains'],
    ["Email startswith 'x'", 'starts with'],
    ["Status nott in ('Open')", 'not'],
    ["Status = 'Open' adn IsConverted", 'and'],
  ])('%s → %s', (expr, suggestion) => {
    const [d] = check(`stage 2 "M" { lead when ${expr} }`).diagnostics;
    expect(d).toMatchObject({ code: 'SC105', suggestion });
    expect(d.message).toContain(`did you mean '${suggestion}'?`);
  });
});

describe('fields of another object', () => {
  it('says which object has the field', () => {
    expect(exprProblems('lead', 'StageName is null')).toEqual(["error SC201 @ 2:13: unknown field 'StageName' on Lead (it is a field of Opportunity)"]);
    expect(exprProblems('opportunity', 'LeadId is null')).toEqual(["error SC201 @ 2:20: unknown field 'LeadId' on Opportunity (it is a field of Engagement)"]);
  });
});
