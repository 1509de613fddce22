/**
 * Property tests of the front end: it never throws, every diagnostic lies inside the file,
 * and generated well-typed definitions check clean. Budgets are modest (the file runs in a
 * few seconds); STAGECRAFT_DEEP=1 runs more cases.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSource, type CheckResult } from '../../src/compiler/index.js';
import { stagesLexer } from '../../src/grammar/tokens.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { valueFamily, type FieldDef } from '../../src/schema/types.js';

const schema = loadDefaultSchema();
const DEEP = process.env.STAGECRAFT_DEEP === '1';
const runs = (n: number) => (DEEP ? n * 20 : n);

const VALID_FILES = [
  readFileSync(new URL('../../examples/default.stages', import.meta.url), 'utf8'),
  `journey "Acme"
stage 1 "Activation"
stage 2 "MQL" {
  lead    when Status in ('Open', 'Routed') and not IsDeleted
  contact when (Status = 'Open' or Score >= 50.5) and Interests includes ('AI;Cloud', 'Data')
}
stage 3 "SAL" unused
stage 5 "SQL" {
  opportunity when Probability > 0 and CloseDate < date '2026-01-01' and StageName != 'Closed Lost'
}
stage 6 "Won" {
  opportunity when IsWon = true and Amount is not null and Type not in ("Renewal")
  date follows CloseDate
}
`,
];

/** Every diagnostic's positions are inside the text and agree with the offsets. */
function assertInside(source: string, result: CheckResult): void {
  const lines = source.split(/\r\n|\r|\n/);
  for (const d of result.diagnostics) {
    for (const p of [d.range.start, d.range.end]) {
      expect(p.offset).toBeGreaterThanOrEqual(0);
      expect(p.offset).toBeLessThanOrEqual(source.length);
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.line).toBeLessThanOrEqual(lines.length);
      expect(p.column).toBeGreaterThanOrEqual(1);
      expect(p.column).toBeLessThanOrEqual(lines[p.line - 1].length + 1);
    }
    expect(d.range.end.offset).toBeGreaterThanOrEqual(d.range.start.offset);
    expect(d.message).not.toBe('');
  }
  expect(result.definition === null).toBe(result.diagnostics.some((d) => d.severity === 'error'));
}

function checkQuietly(source: string): CheckResult {
  const result = checkSource(source, { file: 'fuzz.stages', schema });
  assertInside(source, result);
  return result;
}

/** Token images of the valid files plus some troublemakers, for insertions. */
const VOCABULARY = [
  ...new Set(VALID_FILES.flatMap((f) => stagesLexer.tokenize(f).tokens.map((t) => t.image))),
  '(', ')', '{', '}', ',', '==', '<>', 'not', 'in', 'is', 'null', 'stage', 'journey', "'", '"', '/*', '`', '@', '7', '-', "date 'x'",
];

type Mutation = { kind: 'delete' | 'insert' | 'swap'; at: number; token: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete' as const, 'insert' as const, 'swap' as const),
  at: fc.nat(),
  token: fc.constantFrom(...VOCABULARY),
});

function mutate(source: string, mutations: readonly Mutation[]): string {
  const tokens = stagesLexer.tokenize(source).tokens.map((t) => t.image);
  for (const m of mutations) {
    if (tokens.length === 0) break;
    const i = m.at % tokens.length;
    if (m.kind === 'delete') tokens.splice(i, 1);
    else if (m.kind === 'insert') tokens.splice(i, 0, m.token);
    else if (i + 1 < tokens.length) [tokens[i], tokens[i + 1]] = [tokens[i + 1], tokens[i]];
  }
  // Newlines between some tokens so positions spread over lines.
  return tokens.map((t, i) => (i % 7 === 6 ? `${t}\n` : t)).join(' ');
}

describe('robustness', () => {
  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        checkQuietly(s);
      }),
      { numRuns: runs(300) },
    );
  });

  it('never throws on random sequences of language tokens', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 60 }), fc.constantFrom(' ', '\n', '\r\n', '\t'), (tokens, sep) => {
        checkQuietly(tokens.join(sep));
      }),
      { numRuns: runs(300) },
    );
  });

  it('never throws on token-level mutations of valid files, and keeps every position inside the file', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID_FILES), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (file, mutations) => {
        checkQuietly(mutate(file, mutations));
      }),
      { numRuns: runs(200) },
    );
  });

  it('keeps positions inside the file when it is cut off anywhere', () => {
    const file = VALID_FILES[1];
    for (let end = 0; end <= file.length; end += DEEP ? 1 : 3) checkQuietly(file.slice(0, end));
  });
});

// ---------------------------------------------------------------------------------------------
// Generated valid definitions
// ---------------------------------------------------------------------------------------------

/** A string literal for `value`, escaping what must be escaped. */
function quote(value: string): string {
  const q = value.includes("'") ? '"' : "'";
  return q + value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\n/g, '\\n').replace(/\t/g, '\\t') + q;
}

const keywordCase = fc.constantFrom((w: string) => w, (w: string) => w.toUpperCase(), (w: string) => w[0].toUpperCase() + w.slice(1));
const fieldCase = fc.constantFrom((w: string) => w, (w: string) => w.toLowerCase(), (w: string) => w.toUpperCase());
const textValue = fc.oneof(fc.constantFrom('a', "it's", 'say "hi"', 'back\\slash', '😀', 'line\nbreak', ''), fc.string({ maxLength: 8 }));

function literalFor(field: FieldDef): fc.Arbitrary<string> {
  switch (valueFamily(field.type)) {
    case 'text':
      return textValue.map(quote);
    case 'picklist':
      return fc.constantFrom(...(field.values ?? [])).map(quote);
    case 'boolean':
      return fc.constantFrom('true', 'false', 'TRUE');
    case 'number':
      return fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(String), fc.constantFrom('0.5', '-2.25', '1e3', '1.5E-2', '100'));
    case 'date':
      return fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => `date '${d.toISOString().slice(0, 10)}'`);
    case 'datetime':
      return fc.constantFrom("datetime '2025-01-31T12:00:00Z'", "datetime '2025-01-31T12:00:00.5+02:00'");
    case 'multipicklist':
      return fc.shuffledSubarray([...(field.values ?? [])], { minLength: 1 }).map((xs) => quote(xs.join(';')));
  }
}

function atomArb(fields: Readonly<Record<string, FieldDef>>): fc.Arbitrary<string> {
  const atoms = Object.entries(fields).map(([name, field]) => {
    const family = valueFamily(field.type);
    const f = fieldCase.map((c) => c(name));
    const options: fc.Arbitrary<string>[] = [
      fc.tuple(f, fc.constantFrom('is null', 'is not null', 'IS NOT NULL')).map(([a, b]) => `${a} ${b}`),
    ];
    if (family === 'multipicklist') {
      options.push(
        // Unique as sets: 'AI;Cloud' and 'Cloud;AI' are the same value (SC402 would warn).
        fc.tuple(f, fc.constantFrom('includes', 'excludes'), fc.uniqueArray(literalFor(field), { minLength: 1, maxLength: 3, selector: (l) => l.slice(1, -1).split(';').sort().join(';') }), fc.boolean()).map(
          ([a, op, lits, paren]) => `${a} ${op} ${paren || lits.length > 1 ? `(${lits.join(', ')})` : lits[0]}`,
        ),
      );
      return fc.oneof(...options);
    }
    const ordering = family === 'number' || family === 'date' || family === 'datetime';
    const ops = ordering ? ['=', '!=', '<>', '<', '<=', '>', '>='] : ['=', '!=', '<>'];
    options.push(fc.tuple(f, fc.constantFrom(...ops), literalFor(field)).map(([a, op, l]) => `${a} ${op} ${l}`));
    const siblings = Object.entries(fields).filter(([other, d]) => other !== name && valueFamily(d.type) === family).map(([other]) => other);
    if (siblings.length > 0) options.push(fc.tuple(f, fc.constantFrom(...ops), fc.constantFrom(...siblings)).map(([a, op, b]) => `${a} ${op} ${b}`));
    if (family !== 'boolean') {
      options.push(
        // Unique as values: 1000 and 1e3 are the same number (SC402 would warn).
        fc.tuple(f, fc.constantFrom('in', 'not in', 'NOT IN'), fc.uniqueArray(literalFor(field), { minLength: 1, maxLength: 3, selector: (l) => (family === 'number' ? Number(l) : l) })).map(
          ([a, op, lits]) => `${a} ${op} (${lits.join(', ')})`,
        ),
      );
    }
    if (family === 'text') {
      options.push(fc.tuple(f, fc.constantFrom('contains', 'starts with', 'ends with', 'STARTS  WITH'), literalFor(field)).map(([a, op, l]) => `${a} ${op} ${l}`));
    }
    if (family === 'boolean') options.push(f);
    return fc.oneof(...options);
  });
  return fc.oneof(...atoms);
}

function exprArb(fields: Readonly<Record<string, FieldDef>>): fc.Arbitrary<string> {
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atomArb(fields),
      fc.tuple(tie('expr'), keywordCase, tie('expr')).map(([a, c, b]) => `(${a}) ${c('and')} (${b})`),
      fc.tuple(tie('expr'), keywordCase, tie('expr')).map(([a, c, b]) => `${a} ${c('or')} ${b}`),
      fc.tuple(keywordCase, tie('expr')).map(([c, a]) => `${c('not')} (${a})`),
    ),
  }));
  return expr;
}

const labelArb = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '').map(quote);

function stageArb(n: number): fc.Arbitrary<string> {
  const head = labelArb.map((l) => `stage ${n} ${l}`);
  if (n === 1 || n === 4) return head;
  const objects = n <= 3 ? (['lead', 'contact'] as const) : (['opportunity'] as const);
  const lines = fc.subarray([...objects], { minLength: 1 }).chain((objs) =>
    fc.tuple(...objs.map((o) => exprArb(schema.objects[o === 'lead' ? 'Lead' : o === 'contact' ? 'Contact' : 'Opportunity'].fields).map((e) => `  ${o} when ${e}`))),
  );
  const follows = n === 6 ? fc.boolean().map((b) => (b ? ['  date follows closedate'] : [])) : fc.constant([]);
  // A bare customizable stage is valid but warns (SC401); the generated files are warning-free.
  return fc.oneof(
    head.map((h) => `${h} unused`),
    fc.tuple(head, lines, follows).map(([h, ls, f]) => `${h} {\n${[...ls, ...f].join('\n')}\n}`),
  );
}

const definitionArb = fc
  .tuple(fc.option(labelArb, { nil: undefined }), fc.shuffledSubarray([1, 2, 3, 4, 5, 6]).chain((ns) => fc.tuple(...ns.map(stageArb))))
  .map(([journey, stages]) => [journey === undefined ? '' : `journey ${journey}`, ...stages].join('\n// between\n'));

describe('generated valid definitions', () => {
  it('parse and check clean', () => {
    fc.assert(
      fc.property(definitionArb, (source) => {
        const result = checkSource(source, { file: 'gen.stages', schema });
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(result.definition).not.toBeNull();
        expect(result.diagnostics).toEqual([]);
      }),
      { numRuns: runs(150) },
    );
  });
});
