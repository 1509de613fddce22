/**
 * The TypeScript back end: the generated module type-checks under --strict importing only
 * `@stagecraft/runtime`, its predicates agree with the reference interpreter of the IR on every
 * operator under nulls, and strings from a .stages file or schema can never inject code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFile, checkSource } from '../../src/compiler/index.js';
import type { CheckedDefinition, Predicate } from '../../src/compiler/ir.js';
import { compilePredicate, compileTs, loadCompiledDefinition } from '../../src/compiler/ts/index.js';
import type { Row } from '../../src/data/dataset.js';
import { createEvaluator, type EvaluatorRecord } from '../../src/runtime/index.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import type { Schema } from '../../src/schema/types.js';
import { evaluatePredicate } from '../reference/model.js';
import { defaultDefinition, definition, everyOperatorDefinition, f, operatorPredicates, text } from './fixtures.js';

const RUNTIME_ENTRY = fileURLToPath(new URL('../../src/runtime/index.ts', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'stagecraft-ts-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Type-checks generated modules as `tsc --strict --noEmit` would (plus the stricter flags an
 * application may use), `@stagecraft/runtime` mapped to the runtime source. One program for
 * all modules: loading the default libraries dominates the cost.
 */
function typeErrors(sources: Record<string, string>): Record<string, string[]> {
  const files = Object.keys(sources).map((name) => {
    const file = join(work, `${name}.ts`);
    writeFileSync(file, sources[name]);
    return file;
  });
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noUnusedLocals: true,
    noImplicitReturns: true,
    noImplicitOverride: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    paths: { '@stagecraft/runtime': [RUNTIME_ENTRY] },
    types: [],
    skipLibCheck: true,
  });
  const global = program.getOptionsDiagnostics().map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  const result: Record<string, string[]> = {};
  Object.keys(sources).forEach((name, i) => {
    const sf = program.getSourceFile(files[i]);
    if (sf === undefined) {
      result[name] = ['source file missing'];
      return;
    }
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    const imports = sf.statements.filter(ts.isImportDeclaration).map((d) => (d.moduleSpecifier as ts.StringLiteral).text);
    result[name] = [
      ...global,
      ...imports.filter((spec) => spec !== '@stagecraft/runtime').map((spec) => `imports ${spec}`),
      ...diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    ];
  });
  return result;
}

/** Every operator of SPEC §2, written as .stages source (so the front end's IR is what is compiled). */
const EVERY_OPERATOR_STAGES = `journey "Every operator"
stage 2 "MQL" {
  lead when Status = 'Open' or Status != 'Open' or Score < 10 or Score <= -2.5 or AnnualRevenue > 1e21
    or NumberOfEmployees >= 0 or IsConverted = false or Country = Email or Country != Email
    or Score < AnnualRevenue or Rating in ('Hot', 'Warm') or Rating not in ('Hot') or Email is null
    or Email is not null or Email contains '%_@' or Email starts with "a\\"b" or Email ends with Country
    or Interests includes ('AI;Cloud', 'Data') or Interests excludes ('Security') or IsConverted
    or not IsConverted or (IsConverted and Email is null)
  contact when Score >= 3 and not IsDeleted
}
stage 3 "SAL" unused
stage 5 "SQL" {
  opportunity when CloseDate >= date '2025-01-31' and not StageName = 'Closed Lost'
}
stage 6 "Won" {
  opportunity when IsWon or CloseDate != date '2030-12-31'
  date follows CloseDate
}
`;

const EVIL = [
  `it's "quoted"`,
  'back\\slash\\',
  'ends a comment */ here /* and',
  'template ${process.exit(1)} `tick`',
  'line\nbreak\r\nand\ttab',
  'separators \u2028 \u2029',
  "'); throw new Error('injected'); ('",
  'emoji \u{1F600} and \u0000 nul',
];

describe('generated module type-checks under --strict', () => {
  it('for examples/default.stages, a definition using every operator, and evil strings', () => {
    const checked = checkFile(fileURLToPath(new URL('../../examples/default.stages', import.meta.url)));
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const every = compileTs(everyOperatorDefinition());
    expect(every).toContain('export interface LeadVersion');
    expect(every).toContain('export function stage2Lead(r: LeadVersion): boolean');
    const everyChecked = checkSource(EVERY_OPERATOR_STAGES, { file: 'every.stages', schema: loadDefaultSchema() });
    expect(everyChecked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(
      typeErrors({
        default: compileTs(checked.definition as CheckedDefinition),
        every,
        everySource: compileTs(everyChecked.definition as CheckedDefinition),
        evil: compileTs(evilDefinition()),
      }),
    ).toEqual({ default: [], every: [], everySource: [], evil: [] });
  });
});

/** Labels, journey name, literals and a schema field name full of quote, comment, template and line characters. */
function evilDefinition(): CheckedDefinition {
  const base = loadDefaultSchema();
  const oddField = 'we"ird\nname*/${x}';
  const schema: Schema = {
    objects: {
      ...base.objects,
      Lead: { ...base.objects.Lead, fields: { ...base.objects.Lead.fields, [oddField]: { type: 'text' } } },
    },
  };
  const L = (name: string) => (name === oddField ? { kind: 'field' as const, name, column: name, type: 'text' as const } : f('Lead', name));
  const anyOf = (args: Predicate[]): Predicate => ({ kind: 'or', args });
  const def = definition(
    {
      2: { Lead: anyOf(EVIL.map((s) => ({ kind: 'compare', op: '=', left: L('Email'), right: text(s) }))) },
      3: { Lead: anyOf(EVIL.map((s) => ({ kind: 'textMatch', op: 'contains', field: L(oddField), operand: text(s) }))) },
      5: { Opportunity: { kind: 'in', negated: false, field: f('Opportunity', 'LeadSource'), values: EVIL.map(text) } },
    },
    { labels: { 1: EVIL[0], 2: EVIL[1], 3: EVIL[2], 4: EVIL[3], 5: EVIL[4], 6: EVIL[5] }, journey: EVIL.join(' | ') },
  );
  return { ...def, schema };
}

describe('injection', () => {
  it('labels and literals round-trip exactly and select exactly their value', async () => {
    const def = evilDefinition();
    const module = await loadCompiledDefinition(def);
    expect(module.journey).toBe(EVIL.join(' | '));
    expect(module.stages.map((s) => s.label)).toEqual(EVIL.slice(0, 6));
    const stage2 = module.stages[1].predicates.Lead!;
    const stage3 = module.stages[2].predicates.Lead!;
    const stage5 = module.stages[4].predicates.Opportunity!;
    for (const s of EVIL) {
      expect(stage2({ Id: 'L', valid_from: 'x', Email: s })).toBe(true);
      expect(stage2({ Id: 'L', valid_from: 'x', Email: s + ' ' })).toBe(false);
      expect(stage3({ Id: 'L', valid_from: 'x', 'we"ird\nname*/${x}': `<${s}>` })).toBe(true);
      expect(stage5({ Id: 'O', valid_from: 'x', LeadSource: s })).toBe(true);
    }
    expect(stage3({ Id: 'L', valid_from: 'x', Email: EVIL[0] })).toBe(false);
    expect(stage5({ Id: 'O', valid_from: 'x', LeadSource: 'Web' })).toBe(false);
    // And the labels reach the stamps unchanged.
    const ev = createEvaluator(module);
    ev.upsert('Engagement', { Id: 'A', RecordType: 'Activation', CreatedDate: '2025-01-01T00:00:00.000Z' });
    expect(ev.stamps()[0].label).toBe(EVIL[0]);
  });
});

describe('compiled predicates agree with the reference interpreter (SPEC §4.1)', () => {
  const leadRow = fc.record(
    {
      Status: fc.constantFrom('Open', 'open', 'Working', null),
      Rating: fc.constantFrom('Hot', 'Warm', 'Cold', 'hot', null),
      Score: fc.constantFrom(null, -2.5, 0, 3, 5, 10, 11, 1e22),
      AnnualRevenue: fc.constantFrom(null, 0, 5, 1e21, 2e21),
      NumberOfEmployees: fc.constantFrom(null, -1, 0, 7),
      Country: fc.constantFrom(null, 'a@x', 'x', '%_@', 'DE'),
      Email: fc.constantFrom(null, 'a@x', 'x', 'b%_@c', 'DE', 'ab'),
      Interests: fc.constantFrom(null, 'AI', 'AI;Cloud', 'Cloud;AI;Security', 'Data', 'Security', 'AI;Clouds', ';'),
      IsConverted: fc.constantFrom(null, true, false),
    },
    { requiredKeys: [] }, // absent keys: undefined, which must behave as null
  );
  const predicates = operatorPredicates();
  const compiled = Object.fromEntries(
    Object.entries(predicates).map(([name, p]) => {
      const js = ts.transpile(`(function (r: any) { return ${compilePredicate(p)}; })`, { target: ts.ScriptTarget.ES2022 });
      return [name, new Function(`return ${js}`)() as (r: EvaluatorRecord) => boolean];
    }),
  );

  it.each(Object.keys(predicates))('%s', (name) => {
    fc.assert(
      fc.property(leadRow, (row) => {
        expect(compiled[name](row as EvaluatorRecord)).toBe(evaluatePredicate(predicates[name], row as Row));
      }),
      { numRuns: 300 },
    );
  });

  it('the default definition module matches too', async () => {
    const module = await loadCompiledDefinition(defaultDefinition());
    const contact2 = module.stages[1].predicates.Contact!;
    expect(contact2({ Id: 'C', valid_from: 'x', Status: 'Open', IsDeleted: null })).toBe(true);
    expect(contact2({ Id: 'C', valid_from: 'x', Status: 'Open', IsDeleted: true })).toBe(false);
    expect(contact2({ Id: 'C', valid_from: 'x', Status: null })).toBe(false);
    expect(module.stages[5].dateFollows).toBe('CloseDate');
  });
});
