import { checkSource, type CheckResult } from '../../src/compiler/index.js';
import type { Predicate } from '../../src/compiler/ir.js';
import { loadDefaultSchema } from '../../src/schema/load.js';

export const schema = loadDefaultSchema();

export function check(source: string, file = 'test.stages'): CheckResult {
  return checkSource(source, { file, schema });
}

/** code @ line:col: message — the compact form the tests compare. */
export function problems(source: string): string[] {
  return check(source).diagnostics.map((d) => `${d.severity} ${d.code} @ ${d.range.start.line}:${d.range.start.column}: ${d.message}`);
}

/** The predicate of `OBJECT when EXPR` in a customizable stage that takes OBJECT. */
export function predicateOf(object: 'lead' | 'contact' | 'opportunity', expr: string): Predicate {
  const stage = object === 'opportunity' ? 5 : 2;
  const result = check(`stage ${stage} "S" {\n  ${object} when ${expr}\n}\n`);
  if (!result.definition) throw new Error(`unexpected problems:\n${result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n')}`);
  const key = object === 'lead' ? 'Lead' : object === 'contact' ? 'Contact' : 'Opportunity';
  const p = result.definition.stages[stage - 1].criteria[key];
  if (!p) throw new Error('no predicate');
  return p;
}

/** Problems of a single criteria expression for `object`. */
export function exprProblems(object: 'lead' | 'contact' | 'opportunity', expr: string): string[] {
  const stage = object === 'opportunity' ? 5 : 2;
  return problems(`stage ${stage} "S" {\n  ${object} when ${expr}\n}\n`);
}
