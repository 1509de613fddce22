/** The text rendering (code frames) and the JSON rendering of diagnostics. */
import { describe, expect, it } from 'vitest';
import { diagnosticsToJson, formatDiagnostics } from '../../src/compiler/index.js';
import { check } from '../support/checker.js';

const SOURCE = `journey "Acme"

stage 2 "MQL" {
  lead    when Stauts in ('Open', 'Routed')
  contact when Status = null
}
stage 4 "Opportunity Created" {
  opportunity when IsWon
}
stage 5 "SQL" {
  opportunity when Probability > 0 and Amount > '1000'
}
stage 6 "Won" {
  opportunity when IsWon
  date follows Amount
}
stage 3 "SAL" { }
`;

describe('rendering diagnostics', () => {
  it('shows each problem with its source line, a caret under the range and the suggestion', () => {
    const { diagnostics } = check(SOURCE, 'acme.stages');
    expect(formatDiagnostics(diagnostics, { 'acme.stages': SOURCE })).toMatchInlineSnapshot(`
      "acme.stages:4:16: error SC201: unknown field 'Stauts' on Lead; did you mean 'Status'?
       4 |   lead    when Stauts in ('Open', 'Routed')
         |                ^~~~~~
        help: did you mean 'Status'?
      acme.stages:5:23: error SC205: '= null' is never true (null is not a value to compare with); use 'is null'
       5 |   contact when Status = null
         |                       ^~~~~~
        help: did you mean 'is null'?
      acme.stages:7:31: error SC303: stage 4 stamps every new opportunity and takes a label only: criteria are not allowed here
       7 | stage 4 "Opportunity Created" {
         |                               ^
      acme.stages:11:49: error SC203: number field 'Amount' expects a number such as 10 or 2.5; found a string
       11 |   opportunity when Probability > 0 and Amount > '1000'
          |                                                 ^~~~~~
        help: did you mean 1000?
      acme.stages:15:16: error SC211: 'date follows' needs a date field of Opportunity; number field 'Amount' is not a date (date fields: CloseDate)
       15 |   date follows Amount
          |                ^~~~~~
        help: did you mean 'CloseDate'?
      acme.stages:17:15: warning SC401: stage 3 has no criteria: it is stamped only by back-fill from later stages (write \`unused\` to switch it off)
       17 | stage 3 "SAL" { }
          |               ^
      5 errors, 1 warning
      "
    `);
  });

  it('colours only when asked to', () => {
    const { diagnostics } = check('stage 2 "M" { lead when Bogus }', 'c.stages');
    const plain = formatDiagnostics(diagnostics, { 'c.stages': 'stage 2 "M" { lead when Bogus }' });
    const coloured = formatDiagnostics(diagnostics, new Map([['c.stages', 'stage 2 "M" { lead when Bogus }']]), { color: true });
    expect(plain).not.toContain('\x1b[');
    expect(coloured).toContain('\x1b[31merror\x1b[0m');
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });

  it('renders a problem at the end of the file and a tab-indented line', () => {
    const source = 'stage 2 "M" {\n\tlead when Status in (\'Open\'';
    const { diagnostics } = check(source, 'e.stages');
    expect(formatDiagnostics(diagnostics, { 'e.stages': source })).toBe(
      [
        "e.stages:2:29: error SC105: expected ')' but found end of file",
        " 2 |  lead when Status in ('Open'",
        '   |                             ^',
        '1 error',
        '',
      ].join('\n'),
    );
  });

  it('renders JSON with 1-based positions, offsets and suggestions', () => {
    const { diagnostics } = check('stage 2 "M" {\n  lead when Stauts = \'Open\'\n}', 'j.stages');
    expect(JSON.parse(diagnosticsToJson(diagnostics))).toEqual([
      {
        severity: 'error',
        code: 'SC201',
        message: "unknown field 'Stauts' on Lead; did you mean 'Status'?",
        file: 'j.stages',
        range: { start: { line: 2, column: 13, offset: 26 }, end: { line: 2, column: 19, offset: 32 } },
        suggestion: 'Status',
      },
    ]);
  });
});
