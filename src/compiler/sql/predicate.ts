/**
 * Two-valued predicates (SPEC §4.1) as SQL boolean expressions that are never NULL.
 *
 * Every leaf is made two-valued where it is built (`COALESCE(…, FALSE)`, `IS NULL`, or a
 * null-safe equality), so `AND`/`OR`/`NOT` over leaves stay two-valued by construction and a
 * NULL can never reach a stage decision — in particular `NOT` over a leaf is the plain
 * negation the IR asks for (`!=`, `not in` and `excludes` are true on NULL).
 *
 * Empty text is NULL (SPEC §3), but warehouses keep `''`. A text field is read as
 * `NULLIF(field, '')` exactly in the leaves where `''` and NULL give different answers:
 * `is null`, field-to-field comparisons and matches, a comparison or `in` list with the empty
 * literal, and a match against the empty text. Everywhere else (`Status = 'Open'`, `in` of
 * non-empty values, `contains 'x'`, multi-select) both are false, or both true under `not`, so
 * the column is read as it is, at no cost per row.
 */
import type { FieldRef, Literal, Operand, Predicate } from '../ir.js';
import { valueFamily } from '../../schema/types.js';
import type { Dialect } from './dialect.js';

/** How a field reference becomes a column expression (e.g. `person."Status"`). */
export type ColumnRef = (field: FieldRef) => string;

export function compilePredicate(pred: Predicate, dialect: Dialect, column: ColumnRef): string {
  const recur = (p: Predicate): string => compilePredicate(p, dialect, column);
  const twoValued = (expr: string): string => `COALESCE(${expr}, FALSE)`;
  // Whether this leaf tells `''` from NULL (see the header); if so its text fields read `''` as NULL.
  const emptyMatters = distinguishesEmptyText(pred);
  const field = (f: FieldRef): string => (emptyMatters && isText(f) ? emptyTextAsNull(column(f), dialect) : column(f));
  const operand = (o: Operand): string => (o.kind === 'field' ? field(o) : literal(o, dialect));

  switch (pred.kind) {
    case 'and':
    case 'or': {
      if (pred.args.length === 0) return dialect.booleanLiteral(pred.kind === 'and');
      if (pred.args.length === 1) return recur(pred.args[0]);
      return `(${pred.args.map(recur).join(pred.kind === 'and' ? ' AND ' : ' OR ')})`;
    }
    case 'not': {
      const arg = recur(pred.arg);
      // An and/or of two or more is already wrapped in parentheses where it was built.
      const grouped = (pred.arg.kind === 'and' || pred.arg.kind === 'or') && pred.arg.args.length >= 2;
      return `NOT ${grouped ? arg : parenthesise(arg)}`;
    }
    case 'compare': {
      const left = operand(pred.left);
      const right = operand(pred.right);
      const bothFields = pred.left.kind === 'field' && pred.right.kind === 'field';
      if (pred.op === '=' || pred.op === '!=') {
        // Both forms are atoms (a call or a parenthesised group), so NOT binds to the whole.
        const equal = bothFields ? dialect.nullSafeEquals(left, right) : twoValued(`${left} = ${right}`);
        return pred.op === '=' ? equal : `NOT ${equal}`;
      }
      // The IR's ordering operators are spelled as in SQL.
      return twoValued(`${left} ${pred.op} ${right}`);
    }
    case 'in': {
      const member =
        pred.values.length === 0
          ? dialect.booleanLiteral(false)
          : twoValued(`${field(pred.field)} IN (${pred.values.map((v) => literal(v, dialect)).join(', ')})`);
      return pred.negated ? `NOT ${parenthesise(member)}` : member;
    }
    case 'isNull':
      return `${field(pred.field)} IS ${pred.negated ? 'NOT ' : ''}NULL`;
    case 'textMatch': {
      const text = field(pred.field);
      const arg = operand(pred.operand);
      const match =
        pred.op === 'contains'
          ? dialect.contains(text, arg)
          : pred.op === 'startsWith'
            ? dialect.startsWith(text, arg)
            : dialect.endsWith(text, arg);
      return twoValued(match);
    }
    case 'multiMatch': {
      // `;a;b;` contains `;v;` exactly when v is one of the `;`-joined values a, b.
      const wrapped = dialect.concat(dialect.concat(dialect.stringLiteral(';'), field(pred.field)), dialect.stringLiteral(';'));
      const sets = pred.sets.map((set) => {
        const members = set.map((value) => twoValued(dialect.contains(wrapped, dialect.stringLiteral(`;${value};`))));
        return members.length === 1 ? members[0] : `(${members.join(' AND ')})`;
      });
      const includes =
        sets.length === 0 ? dialect.booleanLiteral(false) : sets.length === 1 ? sets[0] : `(${sets.join(' OR ')})`;
      return pred.op === 'includes' ? includes : `NOT ${parenthesise(includes)}`;
    }
    case 'boolField':
      return twoValued(field(pred.field));
  }
}

/** `expr` with empty text read as NULL (SPEC §3): the one spelling the views and criteria share. */
export function emptyTextAsNull(expr: string, dialect: Dialect): string {
  return `NULLIF(${expr}, ${dialect.stringLiteral('')})`;
}

function isText(f: FieldRef): boolean {
  const family = valueFamily(f.type);
  return family === 'text' || family === 'picklist' || family === 'multipicklist';
}

const isEmptyText = (o: Operand): boolean => o.kind === 'literal' && o.type === 'text' && o.value === '';

/** Whether a leaf's answer can differ between a text field holding `''` and holding NULL. */
function distinguishesEmptyText(pred: Predicate): boolean {
  switch (pred.kind) {
    case 'isNull':
      return true;
    case 'compare':
      return (pred.left.kind === 'field' && pred.right.kind === 'field') || isEmptyText(pred.left) || isEmptyText(pred.right);
    case 'in':
      return pred.values.some(isEmptyText);
    case 'textMatch':
      // `contains ''` is true of `''` but false of NULL; a field operand may itself be `''`.
      return pred.operand.kind === 'field' || isEmptyText(pred.operand);
    default:
      // and/or/not recurse; multi-select reads `''` and NULL alike (`;;` holds no value);
      // a boolean field is not text.
      return false;
  }
}

export function literal(lit: Literal, dialect: Dialect): string {
  switch (lit.type) {
    case 'text':
      return dialect.stringLiteral(lit.value);
    case 'number':
      return dialect.numberLiteral(lit.value);
    case 'boolean':
      return dialect.booleanLiteral(lit.value);
    case 'date':
      return dialect.dateLiteral(lit.value);
    case 'datetime':
      return dialect.timestampLiteral(lit.value);
  }
}

/**
 * Always wraps: deciding "already parenthesised" by looking at the text could be fooled by a
 * parenthesis inside a string literal, and a wrong guess would change `NOT`'s scope.
 */
function parenthesise(expr: string): string {
  return `(${expr})`;
}
