/**
 * `formatStages`: the canonical layout on hand-written cases, and its three properties over
 * generated definitions with comments and scrambled whitespace — idempotent, the same checked
 * IR, every comment kept.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatStages } from '../../src/grammar/format.js';
import { stagesLexer } from '../../src/grammar/tokens.js';
import { definitionArb } from '../support/arbitraries.js';
import { check, schema } from '../support/checker.js';
import { DEEP, runParameters } from '../support/differential.js';

function fmt(source: string): string {
  const result = formatStages(source);
  if (!result.ok) throw new Error(`refused:\n${source}\n${result.problems.map((p) => p.message).join('\n')}`);
  return result.text;
}

describe('canonical layout', () => {
  test('lower-case keywords, one criteria line per object, when aligned, spacing normalised', () => {
    const source = 'JOURNEY   "J"\nSTAGE 2 "MQL" { LEAD WHEN Status IN ( \'Open\' ,\'Routed\' )   CONTACT When not IsDeleted }\nstage 6 "Won" {opportunity when IsWon DATE FOLLOWS CloseDate}';
    expect(fmt(source)).toBe(
      'journey "J"\nstage 2 "MQL" {\n  lead    when Status in (\'Open\', \'Routed\')\n  contact when not IsDeleted\n}\nstage 6 "Won" {\n  opportunity when IsWon\n  date follows CloseDate\n}\n',
    );
  });

  test('a break before a top-level and/or is kept, the operator leading and right-aligned', () => {
    const source = 'stage 5 "SQL" {\nopportunity when Probability > 0\nand (Amount > 1 or\nAmount is null)\n}\n';
    expect(fmt(source)).toBe('stage 5 "SQL" {\n  opportunity when Probability > 0\n               and (Amount > 1 or Amount is null)\n}\n');
  });

  test('comments stay where they are: trailing ones on their line, own-line ones on their own line', () => {
    const source = '// head\n\n\n\nstage 2 "MQL" { // opens\n  // about lead\n  lead when Status = \'Open\' /* inline */ and not IsDeleted\n}\n/* tail */\n';
    expect(fmt(source)).toBe(
      '// head\n\nstage 2 "MQL" { // opens\n  // about lead\n  lead when Status = \'Open\' /* inline */ and not IsDeleted\n}\n/* tail */\n',
    );
  });

  test('a file with syntax errors is refused with its problems', () => {
    const result = formatStages('stage 2 "MQL" {\n  lead when Status = \n}\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
  });

  test('an empty file stays empty', () => {
    expect(fmt('')).toBe('');
    expect(fmt('\n\n  \n')).toBe('');
  });
});

/** A generated definition with comments planted between tokens and its whitespace scrambled. */
const commentedArb = definitionArb(schema).chain((definition) => {
  const tokens = stagesLexer.tokenize(definition.source).tokens;
  const gap = fc.oneof(
    fc.constantFrom(' ', '\n', '  \n\n  ', '\t', '\n\n\n'),
    fc.constantFrom('line', 'block', 'blockOwnLine').map((kind) => kind),
  );
  return fc.array(gap, { minLength: tokens.length + 1, maxLength: tokens.length + 1 }).map((gaps) => {
    const comments: string[] = [];
    const spacer = (g: string): string => {
      if (g === 'line' || g === 'block' || g === 'blockOwnLine') {
        const body = `c${comments.length} keep`;
        comments.push(body);
        if (g === 'line') return ` // ${body}\n`;
        if (g === 'block') return ` /* ${body} */ `;
        return `\n/* ${body}\n   second line */\n`;
      }
      return g;
    };
    let source = spacer(gaps[0]);
    tokens.forEach((t, i) => {
      source += t.image + spacer(gaps[i + 1]);
    });
    return { source, comments };
  });
});

describe('properties over generated definitions with comments', () => {
  const runs = DEEP ? 5000 : 300;

  test('fmt(fmt(x)) = fmt(x)', () => {
    fc.assert(
      fc.property(commentedArb, ({ source }) => {
        const once = fmt(source);
        expect(fmt(once)).toBe(once);
      }),
      runParameters(runs),
    );
  });

  test('the checked IR of fmt(x) equals that of x', () => {
    fc.assert(
      fc.property(commentedArb, ({ source }) => {
        const before = check(source);
        const after = check(fmt(source));
        expect(after.definition).not.toBeNull();
        expect(after.definition).toEqual(before.definition);
        expect(after.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(before.diagnostics.map((d) => `${d.code} ${d.message}`));
      }),
      runParameters(runs),
    );
  });

  test('every comment of x is in fmt(x), in order', () => {
    fc.assert(
      fc.property(commentedArb, ({ source, comments }) => {
        const out = fmt(source);
        let from = 0;
        for (const c of comments) {
          const at = out.indexOf(c, from);
          expect(at, `comment '${c}' missing or out of order in:\n${out}`).toBeGreaterThanOrEqual(0);
          from = at + c.length;
        }
      }),
      runParameters(runs),
    );
  });
});

describe('long criteria lines', () => {
  test('an expression longer than the line limit is broken at every top-level and/or, operator leading', () => {
    const parts = Array.from({ length: 8 }, (_, i) => `Probability > ${i * 10}`);
    const source = `stage 5 "SQL" {\n  opportunity when ${parts.join(' and ')} or (IsWon and IsClosed)\n}\n`;
    expect(fmt(source)).toBe(
      `stage 5 "SQL" {\n  opportunity when ${parts[0]}\n${parts.slice(1).map((p) => `               and ${p}\n`).join('')}                or (IsWon and IsClosed)\n}\n`,
    );
  });
});
