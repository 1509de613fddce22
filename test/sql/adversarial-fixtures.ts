/**
 * Hostile text for the SQL back end: values, labels, table/field/role names, prefixes and
 * schema names full of quotes, backslashes, comment markers, semicolons, newlines, unicode and
 * emoji. Modelled on Malloy's escape round-trip tests: each must come back unchanged and must
 * never change the shape of the query.
 */
import type { CheckedDefinition, Predicate } from '../../src/compiler/ir.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import type { FieldDef, ObjectName, Schema } from '../../src/schema/types.js';
import { definition } from './fixtures.js';

/** Strings every dialect must carry through a literal or identifier unchanged (no NUL: PostgreSQL text cannot hold it). */
export const EVIL_STRINGS: readonly string[] = [
  "it's",
  "''",
  "\\'",
  'say "hi"',
  'back\\slash',
  'trailing backslash\\',
  "'; DROP TABLE lead; --",
  '-- a comment',
  '/* block */ */',
  'semi;colon;',
  'new\nline',
  'carriage\r\nreturn',
  'tab\there',
  '\u0001control\u007f',
  'ünïcødé',
  '日本語テキスト',
  'emoji 😀 and 👩‍👩‍👧',
  '`back`tick`',
  '$$dollar$$ $tag$',
  '%_like_%',
  '\\u0041 \\x41 \\n',
  'line\u2028separator',
  'ends with space ',
  ' leading space',
  'Aa',
  'aA',
];

type Renames = Partial<Record<ObjectName, { table: string; fields: Record<string, string> }>>;

/** Field names with hostile text, including role fields (id, owner, current activation, valid-from). */
export const EVIL_RENAMES: Renames = {
  Engagement: {
    table: 'eng"agement; DROP TABLE x; --',
    fields: { Id: 'I"d', OwnerId: "Own'er", CreatedDate: 'Created\nDate', CompletionDate: 'Compl`etion', RecordType: 'Record Type 😀' },
  },
  Lead: {
    table: "le'ad\\",
    fields: { Id: 'Id\\', CurrentActivationId: "Cur'rent; --Act", Email: 'E"mail`', Status: 'Stätus' },
  },
  Contact: { table: 'con`tact', fields: { Id: '$Id$', OwnerId: 'Owner--Id', Status: '/*Status*/' } },
  Opportunity: { table: 'opp 日本', fields: { Id: '"', ActivationId: "'", CloseDate: 'Close;Date', IsWon: 'Is\tWon' } },
};
/** The valid-from column names of the version tables in the hostile schema. */
export const EVIL_VALID_FROM: Readonly<Record<Exclude<ObjectName, 'Engagement'>, string>> = {
  Lead: 'valid"from',
  Contact: "valid'from",
  Opportunity: 'valid\\from',
};

/** Every hostile table and column name of `evilSchema()`. */
export const EVIL_NAMES: readonly string[] = [
  ...Object.values(EVIL_RENAMES).flatMap((r) => [r.table, ...Object.values(r.fields)]),
  ...Object.values(EVIL_VALID_FROM),
];

/** The default schema with hostile table, field and role names. */
export function evilSchema(): Schema {
  const base = loadDefaultSchema();
  const objects = {} as Record<ObjectName, unknown>;
  for (const [object, def] of Object.entries(base.objects) as [ObjectName, Schema['objects'][ObjectName]][]) {
    const rename = EVIL_RENAMES[object];
    const name = (field: string): string => rename?.fields[field] ?? field;
    const fields: Record<string, FieldDef> = {};
    for (const [field, f] of Object.entries(def.fields)) fields[name(field)] = f;
    const roles: Record<string, string> = {};
    for (const [role, field] of Object.entries(def.roles as unknown as Record<string, string>)) {
      roles[role] = role === 'validFrom' ? EVIL_VALID_FROM[object as Exclude<ObjectName, 'Engagement'>] : name(field);
    }
    objects[object] = { ...def, table: rename?.table ?? def.table, fields, roles };
  }
  return { objects } as unknown as Schema;
}

/** SPEC §2-like stages over the hostile schema, with hostile labels and literals. */
export function adversarialDefinition(schema: Schema = evilSchema()): CheckedDefinition {
  const L = EVIL_RENAMES.Lead!.fields;
  const C = EVIL_RENAMES.Contact!.fields;
  const O = EVIL_RENAMES.Opportunity!.fields;
  const text = (field: string, type: 'picklist' | 'text' = 'picklist') => ({ kind: 'field' as const, name: field, column: field, type });
  const statusIn: Predicate = {
    kind: 'in',
    negated: false,
    field: text(L.Status),
    values: ['Open', "Ro'uted\\", 'new\nline'].map((value) => ({ kind: 'literal' as const, type: 'text' as const, value })),
  };
  const emailMatches: Predicate = {
    kind: 'or',
    args: EVIL_STRINGS.map((value) => ({
      kind: 'compare' as const,
      op: '=' as const,
      left: text(L.Email, 'text'),
      right: { kind: 'literal' as const, type: 'text' as const, value },
    })),
  };
  return definition(
    {
      1: { label: "Acti'vation -- \\" },
      2: { label: 'M"QL; DROP VIEW x', criteria: { Lead: { kind: 'or', args: [statusIn, emailMatches] } } },
      3: {
        label: 'SAL\n😀',
        criteria: {
          Contact: { kind: 'compare', op: '=', left: text(C.Status), right: { kind: 'literal', type: 'text', value: "Work'ing" } },
        },
      },
      4: { label: '`Opp`' },
      6: { label: '$$Won$$', criteria: { Opportunity: { kind: 'boolField', field: { kind: 'field', name: O.IsWon, column: O.IsWon, type: 'boolean' } } }, dateFollows: O.CloseDate },
    },
    { schema, journey: "Evil */ journey\n-- DROP TABLE x; '\\" },
  );
}
