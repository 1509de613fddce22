/**
 * The definitions the benchmarks run: the shipped default (`examples/default.stages`), a
 * "wide" one with 20 comparisons per criteria line (compiled predicates vs an interpreter)
 * and a generated one whose criteria hold 1,000 comparisons (compile time).
 *
 * Wide and 1,000-comparison definitions are built as IR-shaped trees here and printed as
 * `.stages` text; the benchmarks check that text with the real front end, so what is measured
 * is always the front end's own IR.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The definition the benchmarks run (the SQL files under bench/sql/ are written for it). */
export const DEFAULT_DEFINITION = `${ROOT}examples/default.stages`;

export function defaultDefinitionSource() {
  return { file: DEFAULT_DEFINITION, source: readFileSync(DEFAULT_DEFINITION, 'utf8') };
}

// ---- predicate builders (the shapes of src/compiler/ir.ts) ----------------------------------

function makeBuilders(schema, object) {
  const fields = schema.objects[object].fields;
  const field = (name) => {
    if (!fields[name]) throw new Error(`bench: no field ${object}.${name}`);
    return { kind: 'field', name, type: fields[name].type };
  };
  const text = (value) => ({ kind: 'literal', type: 'text', value });
  const num = (value) => ({ kind: 'literal', type: 'number', value });
  const date = (value) => ({ kind: 'literal', type: 'date', value });
  return {
    cmp: (name, op, lit) => ({ kind: 'compare', op, left: field(name), right: lit }),
    cmpFields: (a, op, b) => ({ kind: 'compare', op, left: field(a), right: field(b) }),
    inList: (name, values, negated = false) => ({ kind: 'in', negated, field: field(name), values: values.map(text) }),
    isNull: (name, negated = false) => ({ kind: 'isNull', negated, field: field(name) }),
    match: (name, op, value) => ({ kind: 'textMatch', op, field: field(name), operand: text(value) }),
    multi: (name, op, sets) => ({ kind: 'multiMatch', op, field: field(name), sets }),
    bool: (name) => ({ kind: 'boolField', field: field(name) }),
    not: (arg) => ({ kind: 'not', arg }),
    or: (...args) => ({ kind: 'or', args }),
    and: (...args) => ({ kind: 'and', args }),
    text,
    num,
    date,
  };
}

/**
 * Comparisons per object. Broad conditions that hold for most generated versions come first
 * and the selective status test last, so an `and` chain really evaluates ~20 comparisons.
 * Each returns the list of top-level conjuncts (an `or` pair counts as two comparisons).
 */
function leadAtoms(b, last) {
  return [
    b.cmp('Score', '>=', b.num(0)),
    b.cmp('NumberOfEmployees', '!=', b.num(0)),
    b.or(b.cmp('AnnualRevenue', '>=', b.num(0)), b.isNull('AnnualRevenue')),
    b.cmp('Country', '!=', b.text('Atlantis')),
    b.match('Email', 'contains', '@'),
    b.match('Email', 'endsWith', '.com'),
    b.not(b.bool('IsDeleted')),
    b.inList('LeadSource', ['Advertisement'], true),
    b.inList('Rating', ['Hot', 'Warm', 'Cold']),
    b.inList('Industry', ['Technology', 'Finance', 'Healthcare', 'Retail', 'Manufacturing', 'Other']),
    b.multi('Interests', 'excludes', [['AI', 'Cloud', 'Security', 'Data']]),
    b.isNull('Id', true),
    b.cmpFields('OwnerId', '!=', 'CurrentActivationId'),
    b.match('Email', 'startsWith', 'p'),
    b.cmp('Score', '<', b.num(1000000)),
    b.or(b.isNull('ConvertedContactId'), b.bool('IsConverted')),
    b.cmp('Status', '!=', b.text('New')),
    last,
  ];
}

function contactAtoms(b, last) {
  return [
    b.cmp('Score', '>=', b.num(0)),
    b.cmp('Score', '<', b.num(1000000)),
    b.isNull('Title', true),
    b.cmp('Title', '!=', b.text('Intern')),
    b.match('Email', 'contains', '@'),
    b.match('Email', 'endsWith', '.com'),
    b.match('Email', 'startsWith', 'p'),
    b.not(b.bool('IsDeleted')),
    b.inList('LeadSource', ['Advertisement'], true),
    b.isNull('AccountId', true),
    b.match('AccountId', 'startsWith', '001'),
    b.multi('Interests', 'excludes', [['AI', 'Cloud', 'Security', 'Data']]),
    b.isNull('Id', true),
    b.cmpFields('OwnerId', '!=', 'CurrentActivationId'),
    b.or(b.match('Title', 'contains', 'e'), b.match('Title', 'contains', 'O')),
    b.isNull('CurrentActivationId', true),
    b.cmpFields('Id', '!=', 'AccountId'),
    b.cmp('Status', '!=', b.text('New')),
    last,
  ];
}

function opportunityAtoms(b, last) {
  return [
    b.cmp('Amount', '>=', b.num(0)),
    b.cmp('Amount', '<', b.num(1e9)),
    b.cmp('CloseDate', '>=', b.date('2000-01-01')),
    b.cmp('CloseDate', '<', b.date('2100-01-01')),
    b.inList('Type', ['New Business', 'Existing Business', 'Renewal']),
    b.cmp('LeadSource', '!=', b.text('Advertisement')),
    b.isNull('OwnerId', true),
    b.cmpFields('ActivationId', '!=', 'OwnerId'),
    b.match('Id', 'startsWith', '006'),
    b.or(b.not(b.bool('IsClosed')), b.bool('IsWon')),
    b.cmp('StageName', '!=', b.text('Closed Lost')),
    b.cmp('Probability', '<=', b.num(100)),
    b.cmp('Probability', '>=', b.num(0)),
    b.cmp('Amount', '!=', b.num(1)),
    b.isNull('Id', true),
    b.or(b.cmp('Type', '!=', b.text('Renewal')), b.cmp('Amount', '>', b.num(0))),
    b.inList('StageName', ['Prospecting'], true),
    last,
  ];
}

/** Number of comparison leaves in a predicate. */
export function countComparisons(p) {
  switch (p.kind) {
    case 'and':
    case 'or':
      return p.args.reduce((n, a) => n + countComparisons(a), 0);
    case 'not':
      return countComparisons(p.arg);
    default:
      return 1;
  }
}

/** Criteria (object → predicate) per customizable stage, 20 comparisons per line. */
export function wideCriteria(schema) {
  const lead = makeBuilders(schema, 'Lead');
  const contact = makeBuilders(schema, 'Contact');
  const opp = makeBuilders(schema, 'Opportunity');
  const criteria = {
    2: {
      Lead: lead.and(...leadAtoms(lead, lead.inList('Status', ['Open', 'Routed']))),
      Contact: contact.and(...contactAtoms(contact, contact.inList('Status', ['Open', 'Routed']))),
    },
    3: {
      Lead: lead.and(...leadAtoms(lead, lead.cmp('Status', '=', lead.text('Working')))),
      Contact: contact.and(...contactAtoms(contact, contact.cmp('Status', '=', contact.text('Working')))),
    },
    5: { Opportunity: opp.and(...opportunityAtoms(opp, opp.cmp('Probability', '>', opp.num(0)))) },
    6: { Opportunity: opp.and(...opportunityAtoms(opp, opp.bool('IsWon'))) },
  };
  for (const stage of Object.values(criteria)) {
    for (const [object, p] of Object.entries(stage)) {
      const n = countComparisons(p);
      if (n !== 20) throw new Error(`bench: wide ${object} line has ${n} comparisons, not 20`);
    }
  }
  return criteria;
}

/**
 * Criteria with `total` comparisons spread over the six criteria lines: the wide atoms cycled,
 * grouped in parenthesised `or` pairs every few conjuncts so the tree has some depth.
 */
export function generatedCriteria(schema, total) {
  const wide = wideCriteria(schema);
  const lines = [
    [2, 'Lead'], [2, 'Contact'], [3, 'Lead'], [3, 'Contact'], [5, 'Opportunity'], [6, 'Opportunity'],
  ];
  const criteria = { 2: {}, 3: {}, 5: {}, 6: {} };
  let remaining = total;
  lines.forEach(([stage, object], i) => {
    const want = Math.round(remaining / (lines.length - i));
    remaining -= want;
    const leaves = flattenLeaves(wide[stage][object]);
    const b = makeBuilders(schema, object);
    const conjuncts = [];
    let used = 0;
    let k = 0;
    while (used < want) {
      const leaf = leaves[k % leaves.length];
      k++;
      if (want - used >= 2 && k % 4 === 0) {
        conjuncts.push(b.or(leaf, leaves[(k + 3) % leaves.length]));
        used += 2;
      } else {
        conjuncts.push(leaf);
        used += 1;
      }
    }
    criteria[stage][object] = conjuncts.length === 1 ? conjuncts[0] : b.and(...conjuncts);
  });
  return criteria;
}

function flattenLeaves(p) {
  if (p.kind === 'and' || p.kind === 'or') return p.args.flatMap(flattenLeaves);
  return [p];
}

// ---- printing as .stages text -------------------------------------------------------------

function printLiteral(l) {
  switch (l.type) {
    case 'text':
      return `'${l.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'number':
      return String(l.value);
    case 'boolean':
      return l.value ? 'true' : 'false';
    case 'date':
      return `date '${l.value}'`;
    case 'datetime':
      return `datetime '${l.value}'`;
  }
  throw new Error(`bench: literal ${JSON.stringify(l)}`);
}

function printOperand(o) {
  return o.kind === 'field' ? o.name : printLiteral(o);
}

const MATCH_WORDS = { contains: 'contains', startsWith: 'starts with', endsWith: 'ends with' };

export function printPredicate(p) {
  const child = (c) => (c.kind === 'and' || c.kind === 'or' ? `(${printPredicate(c)})` : printPredicate(c));
  switch (p.kind) {
    case 'and':
      return p.args.map(child).join(' and ');
    case 'or':
      return p.args.map(child).join(' or ');
    case 'not':
      return `not ${child(p.arg)}`;
    case 'compare':
      return `${printOperand(p.left)} ${p.op} ${printOperand(p.right)}`;
    case 'in':
      return `${p.field.name} ${p.negated ? 'not in' : 'in'} (${p.values.map(printLiteral).join(', ')})`;
    case 'isNull':
      return `${p.field.name} is ${p.negated ? 'not ' : ''}null`;
    case 'textMatch':
      return `${p.field.name} ${MATCH_WORDS[p.op]} ${printOperand(p.operand)}`;
    case 'multiMatch':
      return `${p.field.name} ${p.op} (${p.sets.map((s) => printLiteral({ type: 'text', value: s.join(';') })).join(', ')})`;
    case 'boolField':
      return p.field.name;
  }
  throw new Error(`bench: predicate ${p.kind}`);
}

const KEYWORD = { Lead: 'lead', Contact: 'contact', Opportunity: 'opportunity' };

/** A full `.stages` file with the given criteria for stages 2, 3, 5, 6 (stage 6 follows CloseDate). */
export function printDefinition(name, criteria) {
  const lines = [`journey "${name}"`, '', 'stage 1 "Activation"'];
  const labels = { 2: 'MQL', 3: 'SAL', 5: 'SQL', 6: 'Won' };
  for (const stage of [2, 3, 5, 6]) {
    if (stage === 5) lines.push('stage 4 "Opportunity Created"');
    lines.push(`stage ${stage} "${labels[stage]}" {`);
    for (const [object, p] of Object.entries(criteria[stage])) {
      lines.push(`  ${KEYWORD[object]} when ${printPredicate(p)}`);
    }
    if (stage === 6) lines.push('  date follows CloseDate');
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}
