/**
 * The json-rules-engine harness: what an application developer would reach for instead of a
 * compiled evaluator. The same stage predicates (from the checked IR) become one json-rules-engine
 * rule per stage, one engine per object; each version is evaluated with `await engine.run(row)`.
 *
 * json-rules-engine's built-in operators already give the two-valued answers of SPEC §4.1 where
 * they are used (`equal`/`notEqual`/`in`/`notIn` on null, numeric comparisons rejecting null);
 * text matches, multi-select, `is null` and field-to-field ordering get small custom operators
 * with explicit null guards, so both sides compute exactly the same booleans.
 */
import rulesEngine from 'json-rules-engine';

const { Engine, Rule } = rulesEngine;

const ORDER_OPS = { '<': 'lessThan', '<=': 'lessThanInclusive', '>': 'greaterThan', '>=': 'greaterThanInclusive' };
const FIELD_ORDER_OPS = { '<': 'fieldLt', '<=': 'fieldLe', '>': 'fieldGt', '>=': 'fieldGe' };

function includesAny(value, sets) {
  const have = value.split(';');
  return sets.some((set) => set.every((v) => have.includes(v)));
}

function addCustomOperators(engine) {
  const bothSet = (a, b) => a !== null && a !== undefined && b !== null && b !== undefined;
  engine.addOperator('isNull', (a) => a === null || a === undefined);
  engine.addOperator('isNotNull', (a) => a !== null && a !== undefined);
  engine.addOperator('textContains', (a, b) => bothSet(a, b) && a.includes(b));
  engine.addOperator('textStartsWith', (a, b) => bothSet(a, b) && a.startsWith(b));
  engine.addOperator('textEndsWith', (a, b) => bothSet(a, b) && a.endsWith(b));
  engine.addOperator('multiIncludes', (a, sets) => a !== null && a !== undefined && includesAny(a, sets));
  engine.addOperator('multiExcludes', (a, sets) => !(a !== null && a !== undefined && includesAny(a, sets)));
  engine.addOperator('fieldLt', (a, b) => bothSet(a, b) && a < b);
  engine.addOperator('fieldLe', (a, b) => bothSet(a, b) && a <= b);
  engine.addOperator('fieldGt', (a, b) => bothSet(a, b) && a > b);
  engine.addOperator('fieldGe', (a, b) => bothSet(a, b) && a >= b);
}

function operandJson(o) {
  return o.kind === 'field' ? { fact: o.name } : o.value;
}

/** A checked-IR predicate as json-rules-engine conditions. */
export function toConditions(p) {
  switch (p.kind) {
    case 'and':
      return { all: p.args.map(toConditions) };
    case 'or':
      return { any: p.args.map(toConditions) };
    case 'not':
      return { not: toConditions(p.arg) };
    case 'compare': {
      // The checker guarantees a field on at least one side; put it on the fact side.
      let { left, right, op } = p;
      if (left.kind !== 'field') {
        [left, right] = [right, left];
        op = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' }[op];
      }
      const value = operandJson(right);
      if (op === '=') return { fact: left.name, operator: 'equal', value };
      if (op === '!=') return { fact: left.name, operator: 'notEqual', value };
      const operator = right.kind === 'field' ? FIELD_ORDER_OPS[op] : ORDER_OPS[op];
      return { fact: left.name, operator, value };
    }
    case 'in':
      return { fact: p.field.name, operator: p.negated ? 'notIn' : 'in', value: p.values.map((l) => l.value) };
    case 'isNull':
      return { fact: p.field.name, operator: p.negated ? 'isNotNull' : 'isNull', value: null };
    case 'textMatch': {
      const operator = { contains: 'textContains', startsWith: 'textStartsWith', endsWith: 'textEndsWith' }[p.op];
      return { fact: p.field.name, operator, value: operandJson(p.operand) };
    }
    case 'multiMatch':
      return { fact: p.field.name, operator: p.op === 'includes' ? 'multiIncludes' : 'multiExcludes', value: p.sets };
    case 'boolField':
      return { fact: p.field.name, operator: 'equal', value: true };
  }
  throw new Error(`rules-engine: node ${p.kind}`);
}

/** One engine per object holding a rule per enabled stage with criteria for it. */
export function buildRulesEngines(definition) {
  const engines = {};
  for (const stage of definition.stages) {
    if (!stage.enabled) continue;
    for (const [object, predicate] of Object.entries(stage.criteria)) {
      if (!predicate) continue;
      if (!engines[object]) {
        engines[object] = new Engine([], { allowUndefinedFacts: true });
        addCustomOperators(engines[object]);
      }
      const conditions = toConditions(predicate);
      // json-rules-engine wants a top-level all/any/not.
      const top = conditions.all || conditions.any || conditions.not ? conditions : { all: [conditions] };
      engines[object].addRule(new Rule({ conditions: top, event: { type: `stage${stage.stage}` } }));
    }
  }
  return engines;
}
