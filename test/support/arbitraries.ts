/**
 * fast-check generators for the differential tests (test/differential) and the reference-model tests.
 *
 * Definitions are generated type-directed from the schema's fields — every operator of §2,
 * nested and/or/not, boundary literals, unused and absent stages, with and without
 * `date follows` — as an IR predicate AND its `.stages` source text, so the front end is
 * exercised too: the checked IR of the rendered source must mean the same as the generated IR.
 *
 * Datasets stress §4: a handful of instants (so many records share one), nulls in every
 * field, dormant and influencing journeys, lookups to journeys that are missing or not yet
 * created, conversions (Lead and Contact on one journey), several opportunities per journey,
 * opportunities before/after/inside windows, close-date edits, picklist values outside the
 * list, and adversarial text (quotes, backslashes, `--`, `;`, unicode, emoji, strings that
 * look like numbers or dates). Literal pools and data pools overlap so predicates hit.
 */
import fc from 'fast-check';
import type { ComparisonOp, FieldRef, Literal, Predicate, StageNumber } from '../../src/compiler/ir.js';
import type { Dataset, Row, Value } from '../../src/data/dataset.js';
import {
  valueFamily,
  type FieldDef,
  type ObjectName,
  type Schema,
  type VersionedObjectName,
} from '../../src/schema/types.js';

// ---------------------------------------------------------------------------------------------
// Value pools
// ---------------------------------------------------------------------------------------------

/** Few instants, so ties on t are common; ms neighbours test precision. */
export const INSTANTS = [
  '1969-12-31T23:59:59.999Z',
  '2025-01-01T00:00:00.000Z',
  '2025-01-02T00:00:00.000Z',
  '2025-01-02T00:00:00.001Z',
  '2025-01-03T00:00:00.000Z',
  '2025-01-03T12:00:00.000Z',
  '2025-01-04T00:00:00.000Z',
  '2025-01-05T23:59:59.999Z',
  '2025-01-06T00:00:00.000Z',
] as const;

const DATES = ['1969-07-20', '2024-02-29', '2024-12-31', '2025-01-01', '2025-01-04', '2025-02-28', '2025-03-01', '1970-01-01', '9999-12-31'] as const;

/** Text both in data and in literals: adversarial for SQL quoting, LIKE patterns and collations. */
export const TEXTS = [
  'a',
  'A',
  'ab',
  'b',
  "it's",
  'say "hi"',
  'back\\slash',
  '\\',
  "\\'",
  '--',
  '; DROP TABLE lead; --',
  '%',
  'a%b',
  '_',
  'a_b',
  'axb',
  'ü',
  'u\u0308',
  '😀',
  '\uFF21',
  'Ａ😀',
  '1',
  '01',
  '1e3',
  '2025-01-01',
  'null',
  'NULL',
  ' ',
  'a b',
  'line\nbreak',
  'tab\t',
  '\u2028',
] as const;

const OWNERS = ['U1', 'U2', 'u1', 'Ｕ', '😀', "O'Brien", 'U\\2'] as const;
const OTHER_REFERENCES = ['C1', 'L1', 'A-1', "x'y", '😀'] as const;

/** Engagement ids: few, so CurrentActivationId and ActivationId often name one that exists. */
const ENGAGEMENT_IDS = ['E1', 'E2', 'E3', "E'4", '😀', '\uFF21'] as const;
const RECORD_IDS: Record<VersionedObjectName, readonly string[]> = {
  // P1 is both a Lead and a Contact id: only source_rank tells their candidates apart.
  Lead: ['L1', 'L2', 'P1', '\uFF21L', '😀L'],
  Contact: ['C1', 'C2', 'P1', 'c1', 'C\\4'],
  Opportunity: ['O1', 'O2', 'O3', "O'4", '😀', '\uFF21'],
};

/** Shared by data and literals; includes 1-ulp neighbours (0.7 vs 0.7000000000000001) and extremes. */
const NUMBERS = [
  0, 1, -1, 0.5, 2.5, 10, 50, 99.99, 100, 1e-9, -1e-9, 123456789.125, 1e15, 0.1,
  0.7, 0.7000000000000001, 0.6999999999999999, 0.30000000000000004, 100.00000000000001,
  5e-324, 1.7976931348623157e308, -1.7976931348623157e308, 9007199254740992, 1.2345678901234567e-7,
] as const;
const INTEGERS = [0, 1, -1, 2, 10, 50, 100, 1000000] as const;

const MULTI_OUTSIDE = ['AI2', 'ai', 'Cloud;Other'] as const;
const PICKLIST_OUTSIDE = ['Zombie', 'open', ' Open'] as const;

function orNull<T>(arb: fc.Arbitrary<T>, nullWeight = 1, valueWeight = 3): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: valueWeight, arbitrary: arb }, { weight: nullWeight, arbitrary: fc.constant(null) });
}

/** Non-empty subsets of a picklist's values, in random order, joined with `;` (as stored). */
function multiValueArb(values: readonly string[]): fc.Arbitrary<string> {
  return fc.shuffledSubarray([...values], { minLength: 1 }).map((xs) => xs.join(';'));
}

// ---------------------------------------------------------------------------------------------
// Data values per field type
// ---------------------------------------------------------------------------------------------

function dataValueArb(field: FieldDef): fc.Arbitrary<Value> {
  switch (field.type) {
    case 'id':
    case 'reference':
      return orNull(fc.constantFrom(...OTHER_REFERENCES));
    case 'text':
      return orNull(fc.constantFrom(...TEXTS));
    case 'picklist': {
      const values = field.values ?? [];
      return orNull(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constantFrom(...PICKLIST_OUTSIDE) }));
    }
    case 'multipicklist':
      return orNull(
        fc.oneof({ weight: 4, arbitrary: multiValueArb(field.values ?? []) }, { weight: 1, arbitrary: fc.constantFrom(...MULTI_OUTSIDE) }),
      );
    case 'boolean':
      return orNull(fc.boolean(), 1, 2);
    case 'int':
      return orNull(fc.constantFrom(...INTEGERS));
    case 'double':
    case 'currency':
    case 'percent':
      return orNull(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NUMBERS) }, { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) }));
    case 'date':
      return orNull(fc.constantFrom(...DATES));
    case 'datetime':
      return orNull(fc.constantFrom(...INSTANTS));
  }
}

// ---------------------------------------------------------------------------------------------
// Datasets
// ---------------------------------------------------------------------------------------------

export interface DatasetShape {
  /** Most records per object (versions per record: 1..maxVersions). */
  readonly maxRecords: number;
  readonly maxVersions: number;
  /** The instants engagements and versions are drawn from: fewer instants, more ties. */
  readonly instants: readonly string[];
}

export const SMALL: DatasetShape = { maxRecords: 3, maxVersions: 3, instants: INSTANTS };
/** Everything at two instants: ties on t everywhere, so source stage, rank, owner and id decide. */
export const TIES: DatasetShape = { maxRecords: 3, maxVersions: 2, instants: INSTANTS.slice(1, 3) };

/** Engagement ids, the first two favoured, so lookups usually find a journey. */
const engagementId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ENGAGEMENT_IDS.slice(0, 2)) }, { weight: 2, arbitrary: fc.constantFrom(...ENGAGEMENT_IDS) });
const activationRef = orNull(fc.oneof({ weight: 8, arbitrary: engagementId }, { weight: 1, arbitrary: fc.constant('E-missing') }), 1, 6);

function engagementArb(schema: Schema, instants: readonly string[]): fc.Arbitrary<(id: string) => Row> {
  const e = schema.objects.Engagement;
  const roles = e.roles;
  return fc
    .record({
      recordType: fc.oneof(
        { weight: 8, arbitrary: fc.constant<Value>('Activation') },
        { weight: 2, arbitrary: fc.constant<Value>('Influencing') },
        { weight: 1, arbitrary: fc.constantFrom<Value>(null, 'activation') },
      ),
      // Early creation dates, so most versions fall inside some window.
      created: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...instants.slice(0, 4)) }, { weight: 1, arbitrary: fc.constantFrom(...instants) }),
      completed: orNull(fc.constantFrom(...instants), 3, 2),
      owner: orNull(fc.constantFrom(...OWNERS), 1, 5),
      lead: orNull(fc.constantFrom(...RECORD_IDS.Lead)),
      contact: orNull(fc.constantFrom(...RECORD_IDS.Contact)),
    })
    .map((r) => (id: string): Row => {
      const row: Record<string, Value> = {};
      for (const name of Object.keys(e.fields)) row[name] = null;
      row[roles.id] = id;
      row[roles.recordType] = r.recordType;
      row[roles.created] = r.created;
      row[roles.completed] = r.completed;
      row[roles.owner] = r.owner;
      row[roles.lead] = r.lead;
      row[roles.contact] = r.contact;
      return row;
    });
}

/** One version's fields (without Id and valid_from), every field of the object drawn by type. */
function versionFieldsArb(schema: Schema, object: VersionedObjectName): fc.Arbitrary<Record<string, Value>> {
  const def = schema.objects[object];
  const roles = def.roles;
  const link = object === 'Opportunity' ? schema.objects.Opportunity.roles.activation : schema.objects[object].roles.currentActivation;
  const shape: Record<string, fc.Arbitrary<Value>> = {};
  for (const [name, field] of Object.entries(def.fields)) {
    if (name === roles.id) continue;
    if (name === roles.owner) shape[name] = orNull(fc.constantFrom(...OWNERS), 1, 5);
    else if (name === link) shape[name] = activationRef;
    else shape[name] = dataValueArb(field);
  }
  return fc.record(shape);
}

function recordsArb(schema: Schema, object: VersionedObjectName, shape: DatasetShape): fc.Arbitrary<Row[]> {
  const roles = schema.objects[object].roles;
  const versionsOf = fc.uniqueArray(fc.tuple(fc.constantFrom(...shape.instants), versionFieldsArb(schema, object)), {
    minLength: 1,
    maxLength: shape.maxVersions,
    selector: ([t]) => t,
  });
  return fc
    .uniqueArray(fc.tuple(fc.constantFrom(...RECORD_IDS[object]), versionsOf), { maxLength: shape.maxRecords, selector: ([id]) => id })
    .map((records) => records.flatMap(([id, versions]) => versions.map(([t, fields]): Row => ({ ...fields, [roles.id]: id, [roles.validFrom]: t }))));
}

/** Up to `max` version rows of one object (every field drawn by type), for row-by-row predicate checks. */
export function versionRowsArb(schema: Schema, object: VersionedObjectName, max: number): fc.Arbitrary<Row[]> {
  const roles = schema.objects[object].roles;
  return fc
    .array(versionFieldsArb(schema, object), { minLength: 1, maxLength: max })
    .map((rows) => rows.map((fields, i): Row => ({ ...fields, [roles.id]: `R${i}`, [roles.validFrom]: INSTANTS[i % INSTANTS.length] })));
}

/** Datasets of one shape, or (no shape given) mostly SMALL with a third tie-heavy ones. */
export function datasetArb(schema: Schema, shape?: DatasetShape): fc.Arbitrary<Dataset> {
  if (shape === undefined) return fc.oneof({ weight: 2, arbitrary: datasetArb(schema, SMALL) }, { weight: 1, arbitrary: datasetArb(schema, TIES) });
  const engagements = fc
    .uniqueArray(fc.tuple(engagementId, engagementArb(schema, shape.instants)), { minLength: 1, maxLength: shape.maxRecords + 1, selector: ([id]) => id })
    .map((xs) => xs.map(([id, make]) => make(id)));
  const conversions = fc.array(fc.record({ pick: fc.nat(), owner: orNull(fc.constantFrom(...OWNERS), 1, 5) }), { maxLength: 2 });
  return fc
    .record({
      Engagement: engagements,
      Lead: recordsArb(schema, 'Lead', shape),
      Contact: recordsArb(schema, 'Contact', shape),
      Opportunity: recordsArb(schema, 'Opportunity', shape),
      conversions,
    })
    .map(({ conversions: cs, ...data }) => ({ ...data, Contact: [...data.Contact, ...convertedContacts(schema, data.Lead, cs)] }));
}

/**
 * Lead conversions: a Contact version at the same instant as a Lead version, on the same
 * journey, with the fields the two objects share copied (Status, Email, …) and its own owner —
 * the tie §4.3's source_rank exists for (the Contact owner wins).
 */
function convertedContacts(schema: Schema, leads: readonly Row[], conversions: readonly { pick: number; owner: string | null }[]): Row[] {
  if (leads.length === 0) return [];
  const L = schema.objects.Lead;
  const C = schema.objects.Contact;
  return conversions.map(({ pick, owner }, i): Row => {
    const from = leads[pick % leads.length];
    const row: Record<string, Value> = {};
    for (const [name, field] of Object.entries(C.fields)) {
      const same = L.fields[name];
      row[name] = same !== undefined && same.type === field.type ? (from[name] ?? null) : null;
    }
    row[C.roles.id] = `Cv${i + 1}`;
    row[C.roles.owner] = owner;
    row[C.roles.currentActivation] = from[L.roles.currentActivation] ?? null;
    row[C.roles.validFrom] = from[L.roles.validFrom] ?? null;
    return row;
  });
}

/**
 * Several independent datasets as one: every id and every lookup of dataset i > 0 gets the
 * prefix `i:`, so no journey, person or opportunity of one can see another's, and the stamps
 * of the union are the union of the stamps (ordering inside one journey is unchanged: a shared
 * prefix does not change code point order). Owners are not prefixed (they are not lookups).
 * Lets the deep run check many definition×dataset pairs per engine call.
 */
export function unionOfDatasets(schema: Schema, datasets: readonly Dataset[]): Dataset {
  const out: Record<ObjectName, Row[]> = { Engagement: [], Lead: [], Contact: [], Opportunity: [] };
  const o = schema.objects;
  const lookups: Record<ObjectName, readonly string[]> = {
    Engagement: [o.Engagement.roles.id, o.Engagement.roles.lead, o.Engagement.roles.contact],
    Lead: [o.Lead.roles.id, o.Lead.roles.currentActivation],
    Contact: [o.Contact.roles.id, o.Contact.roles.currentActivation],
    Opportunity: [o.Opportunity.roles.id, o.Opportunity.roles.activation],
  };
  datasets.forEach((data, i) => {
    for (const object of Object.keys(out) as ObjectName[]) {
      for (const row of data[object]) {
        if (i === 0) {
          out[object].push(row);
          continue;
        }
        const copy: Record<string, Value> = { ...row };
        for (const field of lookups[object]) if (copy[field] !== null && copy[field] !== undefined) copy[field] = `${i}:${String(copy[field])}`;
        out[object].push(copy);
      }
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Predicates (IR) type-directed from the schema
// ---------------------------------------------------------------------------------------------

const ORDERING: readonly ComparisonOp[] = ['<', '<=', '>', '>='];
const EQUALITY: readonly ComparisonOp[] = ['=', '!='];

function fieldRef(name: string, field: FieldDef): FieldRef {
  return { kind: 'field', name, column: field.column ?? name, type: field.type };
}

function textLiteralArb(): fc.Arbitrary<Literal> {
  return fc.constantFrom(...TEXTS).map((value) => ({ kind: 'literal', type: 'text', value }) as const);
}

function literalArb(field: FieldDef): fc.Arbitrary<Literal> {
  switch (valueFamily(field.type)) {
    case 'text':
      return fc.oneof(textLiteralArb(), fc.constantFrom(...OWNERS, ...OTHER_REFERENCES, ...ENGAGEMENT_IDS).map((value) => ({ kind: 'literal', type: 'text', value }) as const));
    case 'picklist':
      return fc.constantFrom(...(field.values ?? [])).map((value) => ({ kind: 'literal', type: 'text', value }) as const);
    case 'multipicklist':
      throw new Error('multi-select picklists take sets, not literals');
    case 'boolean':
      return fc.boolean().map((value) => ({ kind: 'literal', type: 'boolean', value }) as const);
    case 'number': {
      const pool = field.type === 'int' ? [...INTEGERS, 0.5, -0.5, 49.5] : [...NUMBERS];
      return fc.constantFrom(...pool).map((value) => ({ kind: 'literal', type: 'number', value }) as const);
    }
    case 'date':
      return fc.constantFrom(...DATES).map((value) => ({ kind: 'literal', type: 'date', value }) as const);
    case 'datetime':
      return fc.constantFrom(...INSTANTS).map((value) => ({ kind: 'literal', type: 'datetime', value }) as const);
  }
}

/** Fields of the same family that may stand on the right of a field-to-field comparison. */
function siblings(fields: Readonly<Record<string, FieldDef>>, field: FieldDef): FieldRef[] {
  const family = valueFamily(field.type);
  return Object.entries(fields)
    .filter(([, f]) => valueFamily(f.type) === family)
    .map(([name, f]) => fieldRef(name, f));
}

function atomsFor(name: string, field: FieldDef, fields: Readonly<Record<string, FieldDef>>): fc.Arbitrary<Predicate>[] {
  const ref = fieldRef(name, field);
  const family = valueFamily(field.type);
  const isNull = fc.boolean().map((negated): Predicate => ({ kind: 'isNull', negated, field: ref }));
  if (family === 'multipicklist') {
    const values = field.values ?? [];
    const set = fc.shuffledSubarray([...values], { minLength: 1, maxLength: 2 });
    return [
      fc
        .record({ op: fc.constantFrom('includes' as const, 'excludes' as const), sets: fc.array(set, { minLength: 1, maxLength: 3 }) })
        .map(({ op, sets }): Predicate => ({ kind: 'multiMatch', op, field: ref, sets })),
      isNull,
    ];
  }
  const lit = literalArb(field);
  const others = siblings(fields, field);
  const rightOperand = fc.oneof({ weight: 4, arbitrary: lit }, { weight: 1, arbitrary: fc.constantFrom(...others) });
  const ops = family === 'number' || family === 'date' || family === 'datetime' ? [...EQUALITY, ...ORDERING] : [...EQUALITY];
  const atoms: fc.Arbitrary<Predicate>[] = [
    fc.record({ op: fc.constantFrom(...ops), right: rightOperand }).map(({ op, right }): Predicate => ({ kind: 'compare', op, left: ref, right })),
    isNull,
  ];
  if (family !== 'boolean') {
    atoms.push(
      fc
        .record({ negated: fc.boolean(), values: fc.uniqueArray(lit, { minLength: 1, maxLength: 3, selector: (l) => l.value }) })
        .map(({ negated, values }): Predicate => ({ kind: 'in', negated, field: ref, values })),
    );
  }
  if (family === 'text') {
    atoms.push(
      fc
        .record({
          op: fc.constantFrom('contains' as const, 'startsWith' as const, 'endsWith' as const),
          operand: fc.oneof({ weight: 4, arbitrary: textLiteralArb() }, { weight: 1, arbitrary: fc.constantFrom(...others) }),
        })
        .map(({ op, operand }): Predicate => ({ kind: 'textMatch', op, field: ref, operand })),
    );
  }
  if (family === 'boolean') atoms.push(fc.constant<Predicate>({ kind: 'boolField', field: ref }));
  return atoms;
}

export function predicateArb(schema: Schema, object: VersionedObjectName, maxDepth = 2): fc.Arbitrary<Predicate> {
  const fields = schema.objects[object].fields;
  const atom = fc.oneof(...Object.entries(fields).map(([name, field]) => fc.oneof(...atomsFor(name, field, fields))));
  const tree = (depth: number): fc.Arbitrary<Predicate> => {
    if (depth === 0) return atom;
    const sub = tree(depth - 1);
    return fc.oneof(
      { weight: 5, arbitrary: atom },
      { weight: 1, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((args): Predicate => ({ kind: 'and', args })) },
      { weight: 1, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((args): Predicate => ({ kind: 'or', args })) },
      { weight: 1, arbitrary: sub.map((arg): Predicate => ({ kind: 'not', arg })) },
    );
  };
  return tree(maxDepth);
}

// ---------------------------------------------------------------------------------------------
// Rendering IR as .stages source
// ---------------------------------------------------------------------------------------------

export interface SourceStyle {
  /** Keywords in upper case (they are case-insensitive). */
  readonly upper: boolean;
}

const kw = (style: SourceStyle, word: string) => (style.upper ? word.toUpperCase() : word);

/** A string literal with backslash escapes; picks the quote that needs no escaping when it can. */
export function stringLiteral(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\u2028') out += '\\u2028';
    else out += ch;
  }
  return out + quote;
}

function renderLiteral(lit: Literal, style: SourceStyle): string {
  switch (lit.type) {
    case 'text':
      return stringLiteral(lit.value);
    case 'number':
      return String(lit.value);
    case 'boolean':
      return kw(style, String(lit.value));
    case 'date':
      return `${kw(style, 'date')} '${lit.value}'`;
    case 'datetime':
      return `${kw(style, 'datetime')} '${lit.value}'`;
  }
}

const PRECEDENCE = { or: 1, and: 2, not: 3 } as const;
function precedence(p: Predicate): number {
  return p.kind === 'or' || p.kind === 'and' || p.kind === 'not' ? PRECEDENCE[p.kind] : 4;
}

export function renderPredicate(p: Predicate, style: SourceStyle): string {
  const wrap = (child: Predicate, min: number) => {
    const text = renderPredicate(child, style);
    return precedence(child) < min ? `(${text})` : text;
  };
  const operand = (o: FieldRef | Literal) => (o.kind === 'field' ? o.name : renderLiteral(o, style));
  switch (p.kind) {
    case 'and':
      return p.args.map((a) => wrap(a, PRECEDENCE.and)).join(` ${kw(style, 'and')} `);
    case 'or':
      return p.args.map((a) => wrap(a, PRECEDENCE.or)).join(` ${kw(style, 'or')} `);
    case 'not':
      return `${kw(style, 'not')} ${wrap(p.arg, PRECEDENCE.not)}`;
    case 'compare':
      return `${operand(p.left)} ${p.op} ${operand(p.right)}`;
    case 'in':
      return `${p.field.name} ${p.negated ? `${kw(style, 'not')} ` : ''}${kw(style, 'in')} (${p.values.map((v) => renderLiteral(v, style)).join(', ')})`;
    case 'isNull':
      return `${p.field.name} ${kw(style, 'is')} ${p.negated ? `${kw(style, 'not')} ` : ''}${kw(style, 'null')}`;
    case 'textMatch': {
      const op = { contains: 'contains', startsWith: 'starts with', endsWith: 'ends with' }[p.op];
      return `${p.field.name} ${kw(style, op)} ${operand(p.operand)}`;
    }
    case 'multiMatch':
      return `${p.field.name} ${kw(style, p.op)} (${p.sets.map((set) => stringLiteral(set.join(';'))).join(', ')})`;
    case 'boolField':
      return p.field.name;
  }
}

// ---------------------------------------------------------------------------------------------
// Definitions
// ---------------------------------------------------------------------------------------------

/** What the generator meant, to compare with what the front end checked. */
export interface GeneratedStage {
  readonly stage: StageNumber;
  /** `absent`: no line for the stage; `unused`: `stage N "…" unused`. */
  readonly mode: 'absent' | 'unused' | 'block';
  readonly label: string;
  readonly criteria: Partial<Record<VersionedObjectName, Predicate>>;
  readonly dateFollows?: string;
}

export interface GeneratedDefinition {
  readonly source: string;
  readonly stages: readonly GeneratedStage[];
}

const LABELS = ['MQL', 'SAL', 'Won', 'Qualified pipeline', "it's", 'say "hi"', 'back\\slash', 'ü 😀', '--;', 'x', 'Stage 2'] as const;

function stageArb(schema: Schema, stage: StageNumber): fc.Arbitrary<GeneratedStage> {
  const label = fc.constantFrom(...LABELS);
  if (stage === 1 || stage === 4) {
    return fc.record({ present: fc.boolean(), label }).map(({ present, label: l }): GeneratedStage => ({ stage, mode: present ? 'block' : 'absent', label: l, criteria: {} }));
  }
  const objects: VersionedObjectName[] = stage <= 3 ? ['Lead', 'Contact'] : ['Opportunity'];
  const independent = fc.record(
    Object.fromEntries(objects.map((o) => [o, predicateArb(schema, o)])) as Record<VersionedObjectName, fc.Arbitrary<Predicate>>,
    { requiredKeys: [] },
  );
  // As in real definitions (and SPEC §2), lead and contact often share one criterion — then a
  // converted lead and its contact qualify together, and only source_rank tells them apart.
  const mirrored = predicateArb(schema, 'Lead')
    .filter((p) => fieldsOf(p).every((f) => schema.objects.Contact.fields[f.name]?.type === f.type))
    .map((p): Partial<Record<VersionedObjectName, Predicate>> => ({ Lead: p, Contact: p }));
  const criteria = stage <= 3 ? fc.oneof({ weight: 2, arbitrary: independent }, { weight: 1, arbitrary: mirrored }) : independent;
  const dateFields = Object.entries(schema.objects.Opportunity.fields)
    .filter(([, f]) => f.type === 'date')
    .map(([name]) => name);
  const dateFollows = stage === 6 && dateFields.length > 0 ? fc.option(fc.constantFrom(...dateFields), { nil: undefined }) : fc.constant(undefined);
  return fc
    .record({ mode: fc.constantFrom<GeneratedStage['mode']>('absent', 'unused', 'block', 'block', 'block', 'block'), label, criteria, dateFollows })
    .map(({ mode, label: l, criteria: c, dateFollows: d }): GeneratedStage =>
      mode === 'block' ? { stage, mode, label: l, criteria: c, ...(d === undefined ? {} : { dateFollows: d }) } : { stage, mode, label: l, criteria: {} },
    );
}

/** Every field a predicate reads. */
export function fieldsOf(p: Predicate): FieldRef[] {
  switch (p.kind) {
    case 'and':
    case 'or':
      return p.args.flatMap(fieldsOf);
    case 'not':
      return fieldsOf(p.arg);
    case 'compare':
      return [p.left, p.right].filter((o): o is FieldRef => o.kind === 'field');
    case 'textMatch':
      return [p.field, ...(p.operand.kind === 'field' ? [p.operand] : [])];
    default:
      return [p.field];
  }
}

const KEYWORD_OF: Record<VersionedObjectName, string> = { Lead: 'lead', Contact: 'contact', Opportunity: 'opportunity' };

function renderDefinition(journey: string | null, stages: readonly GeneratedStage[], style: SourceStyle, reversed: boolean): string {
  const lines: string[] = [];
  if (journey !== null) lines.push(`${kw(style, 'journey')} ${stringLiteral(journey)}`, '');
  const order = reversed ? [...stages].reverse() : stages;
  for (const s of order) {
    if (s.mode === 'absent') continue;
    const head = `${kw(style, 'stage')} ${s.stage} ${stringLiteral(s.label)}`;
    if (s.mode === 'unused') {
      lines.push(`${head} ${kw(style, 'unused')}`);
      continue;
    }
    if (s.stage === 1 || s.stage === 4) {
      lines.push(head);
      continue;
    }
    lines.push(`${head} {`);
    for (const [object, predicate] of Object.entries(s.criteria) as [VersionedObjectName, Predicate][]) {
      lines.push(`  ${kw(style, KEYWORD_OF[object])} ${kw(style, 'when')} ${renderPredicate(predicate, style)}`);
    }
    if (s.dateFollows !== undefined) lines.push(`  ${kw(style, 'date follows')} ${s.dateFollows}`);
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}

export function definitionArb(schema: Schema): fc.Arbitrary<GeneratedDefinition> {
  return fc
    .record({
      journey: fc.option(fc.constantFrom(...LABELS), { nil: null }),
      stages: fc.tuple(...([1, 2, 3, 4, 5, 6] as const).map((k) => stageArb(schema, k))),
      style: fc.record({ upper: fc.boolean() }),
      reversed: fc.boolean(),
    })
    .map(({ journey, stages, style, reversed }) => ({ source: renderDefinition(journey, stages, style, reversed), stages }));
}
