/**
 * A plain tree-walking interpreter of the checked IR's predicates (src/compiler/ir.ts), with the
 * two-valued logic of SPEC §4.1 — the baseline `predicates_vs_interpreter` measures compiling
 * against. Deliberately ordinary: a switch on the node kind per node per record, the way one
 * would write an interpreter without thinking about speed (no closures built ahead of time).
 *
 * Records are normalised `Dataset` rows: dates `YYYY-MM-DD` and instants in the canonical
 * fixed-width UTC form, so their string order is their time order.
 */

function operandValue(o, record) {
  if (o.kind === 'field') {
    const v = record[o.name];
    return v === undefined ? null : v;
  }
  return o.value;
}

function equals(node, a, b) {
  if (a === null || b === null) {
    // Only field = field with both sides null is true (SQL: IS NOT DISTINCT FROM).
    return a === null && b === null && node.left.kind === 'field' && node.right.kind === 'field';
  }
  return a === b;
}

function includes(value, sets) {
  const have = value.split(';');
  return sets.some((set) => set.every((v) => have.includes(v)));
}

export function interpret(node, record) {
  switch (node.kind) {
    case 'and':
      for (const arg of node.args) if (!interpret(arg, record)) return false;
      return true;
    case 'or':
      for (const arg of node.args) if (interpret(arg, record)) return true;
      return false;
    case 'not':
      return !interpret(node.arg, record);
    case 'compare': {
      const a = operandValue(node.left, record);
      const b = operandValue(node.right, record);
      switch (node.op) {
        case '=':
          return equals(node, a, b);
        case '!=':
          return !equals(node, a, b);
        case '<':
          return a !== null && b !== null && a < b;
        case '<=':
          return a !== null && b !== null && a <= b;
        case '>':
          return a !== null && b !== null && a > b;
        case '>=':
          return a !== null && b !== null && a >= b;
      }
      throw new Error(`interpreter: operator ${node.op}`);
    }
    case 'in': {
      const v = operandValue(node.field, record);
      const found = v !== null && node.values.some((l) => l.value === v);
      return node.negated ? !found : found;
    }
    case 'isNull': {
      const isNull = operandValue(node.field, record) === null;
      return node.negated ? !isNull : isNull;
    }
    case 'textMatch': {
      const v = operandValue(node.field, record);
      const o = operandValue(node.operand, record);
      if (v === null || o === null) return false;
      if (node.op === 'contains') return v.includes(o);
      if (node.op === 'startsWith') return v.startsWith(o);
      return v.endsWith(o);
    }
    case 'multiMatch': {
      const v = operandValue(node.field, record);
      const hit = v !== null && includes(v, node.sets);
      return node.op === 'includes' ? hit : !hit;
    }
    case 'boolField':
      return operandValue(node.field, record) === true;
  }
  throw new Error(`interpreter: node ${node.kind}`);
}
