/**
 * Compiles IR predicates (src/compiler/ir.ts) to TypeScript boolean expressions with the
 * two-valued logic of SPEC §4.1 inlined: nothing is interpreted at run time.
 *
 * Records reach the predicates normalised by the runtime (dates `YYYY-MM-DD`, instants
 * canonical UTC strings — fixed-width, so `<` orders them; numbers finite), and a missing
 * field is `undefined`, so null tests use `== null` / `!= null`, which cover both.
 *
 * TypeScript narrows `r.F` across the leaves of one `||`/`&&` chain, so a definition whose
 * leaves contradict each other (`Email is null or Email contains 'x'`, `IsWon or not IsWon and
 * …`) would not type-check (`never`, "no overlap"). A field read by more than one leaf of a
 * predicate is therefore read as `(r.F as T | null | undefined)`, which widens it back to its
 * declared type, and after an explicit `!= null` test with `!`. Fields read by one leaf only
 * keep the plain form (`r.Status === "Open" || r.Status === "Routed"` is one `in` leaf).
 */
import type { ComparisonOp, FieldRef, Literal, Operand, Predicate } from '../ir.js';
import { leafColumns } from '../columns.js';
import { tsAccess, tsFieldType, tsNumber, tsString } from './literals.js';

const RECORD = 'r';

/** Columns read by more than one leaf of the predicate being compiled. */
let shared: ReadonlySet<string> = new Set();

function field(f: FieldRef): string {
  const read = tsAccess(RECORD, f.column);
  return shared.has(f.column) ? `(${read} as ${tsFieldType(f.type)} | null | undefined)` : read;
}

/**
 * The same expression as JavaScript: the widening casts removed (they only guide TypeScript's
 * narrowing; at run time the cast read and its `!` are the plain read). The record is `r`.
 */
export function compilePredicateJs(p: Predicate): string {
  const outer = shared;
  shared = new Set();
  try {
    return compileNode(p);
  } finally {
    shared = outer;
  }
}

/** `x!` after a `!= null` test, for widened reads (a plain read is narrowed by the test already). */
function nonNull(read: string): string {
  return read.endsWith(' | null | undefined)') ? `${read}!` : read;
}

function sharedFields(p: Predicate): Set<string> {
  const leaves: string[][] = [];
  leafColumns(p, leaves);
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const leaf of leaves) {
    for (const name of new Set(leaf)) {
      if (seen.has(name)) twice.add(name);
      seen.add(name);
    }
  }
  return twice;
}

function literal(l: Literal): string {
  switch (l.type) {
    case 'number':
      return tsNumber(l.value);
    case 'boolean':
      return l.value ? 'true' : 'false';
    case 'text':
    case 'date':
    case 'datetime':
      return tsString(l.value);
  }
}

const MIRROR: Record<ComparisonOp, ComparisonOp> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function compare(op: ComparisonOp, left: Operand, right: Operand): string {
  if (left.kind === 'literal') {
    if (right.kind === 'literal') throw new Error('internal: comparison between two literals');
    return compare(MIRROR[op], right, left);
  }
  const a = field(left);
  if (right.kind === 'literal') {
    const b = literal(right);
    // `=` is false against null (undefined too); `!=` is its negation.
    if (op === '=') return `${a} === ${b}`;
    if (op === '!=') return `${a} !== ${b}`;
    return `(${a} != null && ${nonNull(a)} ${op} ${b})`;
  }
  const b = field(right);
  // field = field: true when both are null (SQL IS NOT DISTINCT FROM); undefined counts as null.
  if (op === '=') return `(${a} ?? null) === (${b} ?? null)`;
  if (op === '!=') return `(${a} ?? null) !== (${b} ?? null)`;
  return `(${a} != null && ${b} != null && ${nonNull(a)} ${op} ${nonNull(b)})`;
}

const TEXT_METHOD = { contains: 'includes', startsWith: 'startsWith', endsWith: 'endsWith' } as const;

/** The TypeScript expression for `p` over the record parameter `r`. */
export function compilePredicate(p: Predicate): string {
  const outer = shared;
  shared = sharedFields(p);
  try {
    return compileNode(p);
  } finally {
    shared = outer;
  }
}

/** Operands per flat run of one `&&`/`||` chain before it is grouped. */
const FLAT_CHAIN = 64;

/**
 * `(a op b op …)`. TypeScript parses a flat chain into a left-deep tree and its binder recurses
 * once per operand, so a chain of thousands (a generated criteria line) would exhaust the stack
 * of `tsc` and of the transpiler. Longer chains are grouped into a balanced tree of runs
 * (`&&` and `||` are associative and still evaluate left to right), depth log(n); a chain a
 * person writes stays flat, as written.
 */
function chain(operands: readonly string[], op: string): string {
  if (operands.length <= FLAT_CHAIN) return `(${operands.join(op)})`;
  const half = Math.ceil(operands.length / 2);
  return `(${chain(operands.slice(0, half), op)}${op}${chain(operands.slice(half), op)})`;
}

function compileNode(p: Predicate): string {
  switch (p.kind) {
    case 'and':
      return p.args.length === 0 ? 'true' : chain(p.args.map(compileNode), ' && ');
    case 'or':
      return p.args.length === 0 ? 'false' : chain(p.args.map(compileNode), ' || ');
    case 'not':
      return `!${wrap(compileNode(p.arg))}`;
    case 'compare':
      return compare(p.op, p.left, p.right);
    case 'in': {
      const f = field(p.field);
      const test = p.values.length === 0 ? 'false' : `(${p.values.map((v) => `${f} === ${literal(v)}`).join(' || ')})`;
      return p.negated ? `!${test}` : test;
    }
    case 'isNull':
      return `${field(p.field)} ${p.negated ? '!=' : '=='} null`;
    case 'textMatch': {
      const f = field(p.field);
      const method = TEXT_METHOD[p.op];
      if (p.operand.kind === 'literal') return `(${f} != null && ${nonNull(f)}.${method}(${literal(p.operand)}))`;
      const g = field(p.operand);
      return `(${f} != null && ${g} != null && ${nonNull(f)}.${method}(${nonNull(g)}))`;
    }
    case 'multiMatch': {
      // SOQL semantics: some set wholly contained in the `;`-joined values; the membership
      // test is the SQL target's `position(';v;' in ';' || f || ';') > 0`, so both agree.
      const f = field(p.field);
      const padded = `(";" + ${nonNull(f)} + ";")`;
      const sets = p.sets.map((set) =>
        set.length === 0 ? 'true' : `(${set.map((member) => `${padded}.includes(${tsString(`;${member};`)})`).join(' && ')})`,
      );
      const includes = sets.length === 0 ? 'false' : `(${f} != null && (${sets.join(' || ')}))`;
      return p.op === 'includes' ? includes : `!${includes}`;
    }
    case 'boolField':
      return `${field(p.field)} === true`;
  }
}

function wrap(expr: string): string {
  return expr.startsWith('(') && balancedOuter(expr) ? expr : `(${expr})`;
}

/** Whether the parentheses opening `expr` close at its very end (so it needs no extra pair). */
function balancedOuter(expr: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0 && i !== expr.length - 1) return false;
    }
  }
  return true;
}
