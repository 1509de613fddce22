/**
 * One test per diagnostic code (docs/diagnostics.md): each planted mistake is reported with
 * its code, line, column and message, and nothing else is reported.
 */
import { describe, expect, it } from 'vitest';
import { problems } from '../support/checker.js';

describe('diagnostic codes', () => {
  it("SC101: unexpected character", () => {
    expect(problems("stage 2 \"M\" { lead when Status = 'Open' # }")).toEqual([
      "error SC101 @ 1:41: unexpected character '#'"
    ]);
  });

  it("SC102: unterminated string", () => {
    expect(problems("stage 2 \"M\" {\n  lead when Status = 'Open\n}")).toEqual([
      "error SC102 @ 2:22: unterminated string: missing the closing quote before the end of the line"
    ]);
  });

  it("SC103: unterminated block comment", () => {
    expect(problems("stage 1 \"A\"\n/* never closed\nstage 2 \"M\"")).toEqual([
      "error SC103 @ 2:1: unterminated block comment: '/*' has no matching '*/'"
    ]);
  });

  it("SC104: invalid escape sequence", () => {
    expect(problems("stage 2 \"M\" { lead when Email = 'a\\qb' }")).toEqual([
      "error SC104 @ 1:35: invalid escape sequence '\\q'; valid escapes are \\\\ \\' \\\" \\n \\t \\r \\uXXXX"
    ]);
  });

  it("SC105: syntax error", () => {
    expect(problems("stage 2 \"M\" {\n  lead when Status in ('Open'\n}")).toEqual([
      "error SC105 @ 2:30: expected ')' but found '}'"
    ]);
  });

  it("SC106: '==' instead of '='", () => {
    expect(problems("stage 2 \"M\" { lead when Status == 'Open' }")).toEqual([
      "error SC106 @ 1:32: '==' is not an operator; use '='"
    ]);
  });

  it("SC107: invalid date literal", () => {
    expect(problems("stage 5 \"Q\" { opportunity when CloseDate > date '2025-02-30' }")).toEqual([
      "error SC107 @ 1:44: '2025-02-30' is not a calendar date (2025-02 has no day 30)"
    ]);
  });

  it("SC108: invalid datetime literal", () => {
    expect(problems("stage 5 \"Q\" { opportunity when CloseDate > datetime '2025-01-01T25:00:00Z' }")).toEqual([
      "error SC108 @ 1:44: '2025-01-01T25:00:00Z' is not a valid time of day"
    ]);
  });

  it("SC109: expression nested too deeply", () => {
    const deep = (n: number) => `stage 2 "M" { lead when ${'('.repeat(n)}IsConverted${')'.repeat(n)} }`;
    expect(problems(deep(129))).toEqual(["error SC109 @ 1:153: expression nested too deeply: at most 128 levels of parentheses and 'not'"]);
    expect(problems(deep(128))).toEqual([]);
    // Thousands deep is reported, never a stack overflow; so is a long run of 'not'.
    expect(problems(deep(5000))).toHaveLength(1);
    expect(problems(`stage 2 "M" { lead when ${'not '.repeat(5000)}IsConverted }`)).toHaveLength(1);
    // The other declarations are still checked.
    expect(problems(`${deep(200)}\nstage 3 "S" { lead when Stauts = 'x' }`).map((p) => p.split(' ')[1])).toEqual(['SC109', 'SC201']);
  });

  it("SC201: unknown field", () => {
    expect(problems("stage 2 \"M\" {\n  lead when Stauts = 'Open'\n}")).toEqual([
      "error SC201 @ 2:13: unknown field 'Stauts' on Lead; did you mean 'Status'?"
    ]);
  });

  it("SC202: operator not valid for the field's type", () => {
    expect(problems("stage 2 \"M\" { lead when Status contains 'Op' }")).toEqual([
      "error SC202 @ 1:32: operator 'contains' is only valid for text fields, not for picklist field 'Status'; use = or in with the exact values"
    ]);
  });

  it("SC203: literal of the wrong type", () => {
    expect(problems("stage 5 \"Q\" { opportunity when Amount > '100' }")).toEqual([
      "error SC203 @ 1:41: number field 'Amount' expects a number such as 10 or 2.5; found a string"
    ]);
  });

  it("SC204: value not in the picklist", () => {
    expect(problems("stage 2 \"M\" { lead when Status = 'open' }")).toEqual([
      "error SC204 @ 1:34: 'open' is not a value of picklist field 'Status'; did you mean 'Open'?"
    ]);
  });

  it("SC205: comparison with null", () => {
    expect(problems("stage 2 \"M\" { lead when OwnerId = null }")).toEqual([
      "error SC205 @ 1:33: '= null' is never true (null is not a value to compare with); use 'is null'"
    ]);
  });

  it("SC206: ordering comparison on text, picklist or boolean", () => {
    expect(problems("stage 2 \"M\" { lead when Status > 'Open' }")).toEqual([
      "error SC206 @ 1:32: ordering comparison '>' is not allowed on picklist field 'Status' (warehouse collations differ); use =, != or in"
    ]);
  });

  it("SC207: fields of different types compared", () => {
    expect(problems("stage 2 \"M\" { lead when Score = Email }")).toEqual([
      "error SC207 @ 1:33: cannot compare number field 'Score' with text field 'Email': both sides must have the same type"
    ]);
  });

  it("SC208: field on its own is not boolean", () => {
    expect(problems("stage 2 \"M\" { lead when Status }")).toEqual([
      "error SC208 @ 1:25: picklist field 'Status' is not a boolean: a field on its own must be a boolean field; compare it with a value instead (e.g. Status = …)"
    ]);
  });

  it("SC209: condition does not start with a field", () => {
    expect(problems("stage 2 \"M\" { lead when 'Open' = Status }")).toEqual([
      "error SC209 @ 1:25: the left side of a condition must be a field of the object, e.g. Probability > 0"
    ]);
  });

  it("SC210: number out of range", () => {
    expect(problems("stage 5 \"Q\" { opportunity when Amount > 1e999 }")).toEqual([
      "error SC210 @ 1:41: number 1e999 is too large to be represented (numbers must be finite)"
    ]);
  });

  it("SC211: 'date follows' on a non-date field", () => {
    expect(problems("stage 6 \"W\" {\n  opportunity when IsWon\n  date follows Amount\n}")).toEqual([
      "error SC211 @ 3:16: 'date follows' needs a date field of Opportunity; number field 'Amount' is not a date (date fields: CloseDate)"
    ]);
  });

  it("SC212: unknown object", () => {
    expect(problems("stage 2 \"M\" {\n  account when Status = 'Open'\n}")).toEqual([
      "error SC212 @ 2:3: unknown object 'account': criteria lines are written for lead, contact or opportunity"
    ]);
  });

  it("SC301: stage number out of range", () => {
    expect(problems("stage 7 \"Later\"")).toEqual([
      "error SC301 @ 1:7: there is no stage 7: stages are numbered 1 to 6"
    ]);
  });

  it("SC302: duplicate stage", () => {
    expect(problems("stage 2 \"M\" unused\nstage 2 \"M2\" unused")).toEqual([
      "error SC302 @ 2:7: stage 2 is declared twice (first on line 1)"
    ]);
  });

  it("SC303: criteria on stage 1 or 4", () => {
    expect(problems("stage 1 \"A\" { lead when IsConverted }")).toEqual([
      "error SC303 @ 1:13: stage 1 stamps every Activation engagement and takes a label only: criteria are not allowed here"
    ]);
  });

  it("SC304: object not allowed in this stage", () => {
    expect(problems("stage 5 \"Q\" { lead when IsConverted }")).toEqual([
      "error SC304 @ 1:15: stage 5 does not take 'lead' criteria (stage 5 takes 'opportunity')"
    ]);
  });

  it("SC305: two lines for one object", () => {
    expect(problems("stage 2 \"M\" {\n  lead when IsConverted\n  lead when IsDeleted\n}")).toEqual([
      "error SC305 @ 3:3: stage 2 already has a 'lead' line (line 2); combine them with and/or"
    ]);
  });

  it("SC306: 'date follows' outside stage 6", () => {
    expect(problems("stage 5 \"Q\" {\n  opportunity when IsWon\n  date follows CloseDate\n}")).toEqual([
      "error SC306 @ 3:3: 'date follows' is only allowed in stage 6 (the won date)"
    ]);
  });

  it("SC307: 'date follows' twice", () => {
    expect(problems("stage 6 \"W\" {\n  opportunity when IsWon\n  date follows CloseDate\n  date follows CloseDate\n}")).toEqual([
      "error SC307 @ 4:3: stage 6 already has a 'date follows' line (line 3)"
    ]);
  });

  it("SC308: missing or empty label", () => {
    expect(problems("stage 2 \"\" unused")).toEqual([
      "error SC308 @ 1:9: the label of stage 2 must not be empty"
    ]);
  });

  it("SC309: stage 1 or 4 marked unused", () => {
    expect(problems("stage 4 \"Opp\" unused")).toEqual([
      "error SC309 @ 1:15: stage 4 is always stamped and cannot be unused"
    ]);
  });

  it("SC310: second journey name", () => {
    expect(problems("journey \"A\"\njourney \"B\"")).toEqual([
      "error SC310 @ 2:1: a definition has one journey name (already given on line 1)"
    ]);
  });

  it("SC401: stage without criteria (warning)", () => {
    expect(problems("stage 3 \"SAL\" { }")).toEqual([
      "warning SC401 @ 1:15: stage 3 has no criteria: it is stamped only by back-fill from later stages (write `unused` to switch it off)"
    ]);
  });

  it("SC402: duplicate value in a list (warning)", () => {
    expect(problems("stage 2 \"M\" { lead when Status in ('Open', 'Open') }")).toEqual([
      "warning SC402 @ 1:44: duplicate value in the 'in' list"
    ]);
  });

  it("SC403: field compared with itself (warning)", () => {
    expect(problems("stage 5 \"Q\" { opportunity when Amount != Amount }")).toEqual([
      "warning SC403 @ 1:32: 'Amount != Amount' compares a field with itself: it is always false"
    ]);
  });

});

describe('a line refused where it stands is still checked (SPEC §2: every problem is reported)', () => {
  it('a second line for one object (SC305) reports its unknown field and its bad comparison too', () => {
    expect(problems("stage 3 \"SAL\" {\n  lead when Status = 'Working'\n  lead when Stauts > 'Hot'\n  contact when Status > 'Hot'\n}")).toEqual([
      "error SC305 @ 3:3: stage 3 already has a 'lead' line (line 2); combine them with and/or",
      expect.stringMatching(/^error SC\d+ @ 3:13: unknown field 'Stauts' on Lead/),
      "error SC206 @ 4:23: ordering comparison '>' is not allowed on picklist field 'Status' (warehouse collations differ); use =, != or in",
    ]);
  });

  it('the body of a duplicate stage (SC302) is checked', () => {
    const found = problems("stage 2 \"M\" { lead when IsConverted }\nstage 2 \"M2\" { lead when Stauts = 'Open' }");
    expect(found[0]).toBe('error SC302 @ 2:7: stage 2 is declared twice (first on line 1)');
    expect(found.slice(1)).toEqual([expect.stringMatching(/^error SC\d+ @ 2:26: unknown field 'Stauts' on Lead/)]);
  });

  it('criteria on stage 1 or 4 (SC303) and lines of an object the stage does not take (SC304) are checked', () => {
    expect(problems("stage 4 \"O\" { opportunity when Amout > 1 }")).toEqual([
      "error SC303 @ 1:13: stage 4 stamps every new opportunity and takes a label only: criteria are not allowed here",
      expect.stringMatching(/^error SC\d+ @ 1:32: unknown field 'Amout' on Opportunity/),
    ]);
    expect(problems("stage 5 \"Q\" { lead when IsConvertd }")).toEqual([
      "error SC304 @ 1:15: stage 5 does not take 'lead' criteria (stage 5 takes 'opportunity')",
      expect.stringMatching(/^error SC\d+ @ 1:25: unknown field 'IsConvertd' on Lead/),
    ]);
  });

  it("a misplaced 'date follows' (SC306, SC307) still has its field checked", () => {
    expect(problems("stage 5 \"Q\" {\n  opportunity when IsWon\n  date follows Amount\n}")).toEqual([
      "error SC306 @ 3:3: 'date follows' is only allowed in stage 6 (the won date)",
      "error SC211 @ 3:16: 'date follows' needs a date field of Opportunity; number field 'Amount' is not a date (date fields: CloseDate)",
    ]);
  });
});
