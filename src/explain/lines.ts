/**
 * Where each criteria line of a `.stages` file stands. The checked IR carries no positions
 * (src/compiler/ir.ts), so they are read again from the AST of the same source: a file that
 * checked clean declares each stage at most once and each object at most once per stage, so
 * (stage, object) names one line.
 */
import { LineIndex } from '../compiler/diagnostics.js';
import type { CriteriaObject, StageNumber } from '../compiler/ir.js';
import { parseStages } from '../grammar/index.js';

export interface CriteriaSource {
  /** 1-based line of the criteria line's `lead` / `contact` / `opportunity` keyword. */
  readonly line: number;
  /** The criteria line as written (`lead when Status = 'Working'`), white space folded. */
  readonly text: string;
}

/** Criteria lines by stage and object. */
export type CriteriaSources = ReadonlyMap<StageNumber, Partial<Record<CriteriaObject, CriteriaSource>>>;

const OBJECT_OF = { lead: 'Lead', contact: 'Contact', opportunity: 'Opportunity' } as const;

export function criteriaSources(source: string): CriteriaSources {
  const index = new LineIndex(source);
  const out = new Map<StageNumber, Partial<Record<CriteriaObject, CriteriaSource>>>();
  for (const decl of parseStages(source).ast.stages) {
    const n = Number(decl.number?.text);
    if (!Number.isInteger(n) || n < 1 || n > 6 || decl.body.kind !== 'block') continue;
    const stage = n as StageNumber;
    const lines = out.get(stage) ?? {};
    for (const line of decl.body.lines) {
      if (line.kind !== 'criteria') continue;
      const object = OBJECT_OF[line.object];
      if (lines[object] !== undefined) continue;
      lines[object] = {
        line: index.position(line.span.start).line,
        text: source.slice(line.span.start, line.span.end).replace(/\s+/g, ' ').trim(),
      };
    }
    out.set(stage, lines);
  }
  return out;
}
