/**
 * Which warehouse columns a checked definition reads: the columns its criteria compare, the
 * stage-6 date-follows column and the columns its roles name. The loaders refuse a file that
 * lacks one that decides stamps (SPEC §3: a column the definition reads or a role needs,
 * missing from its file, is bad data) — read as null it would silently stamp nothing.
 */
import { OBJECT_NAMES, type ObjectName } from '../schema/types.js';
import type { CheckedDefinition, Predicate } from './ir.js';

/** The columns each leaf of `p` reads, one list per leaf (a comparison of two fields reads two). */
export function leafColumns(p: Predicate, out: string[][]): void {
  switch (p.kind) {
    case 'and':
    case 'or':
      for (const a of p.args) leafColumns(a, out);
      return;
    case 'not':
      leafColumns(p.arg, out);
      return;
    case 'compare':
      out.push([p.left, p.right].flatMap((o) => (o.kind === 'field' ? [o.column] : [])));
      return;
    case 'textMatch':
      out.push(p.operand.kind === 'field' ? [p.field.column, p.operand.column] : [p.field.column]);
      return;
    default:
      out.push([p.field.column]);
  }
}

/** Every column the predicate reads. */
export function columnsRead(p: Predicate): string[] {
  const leaves: string[][] = [];
  leafColumns(p, leaves);
  return [...new Set(leaves.flat())];
}

/**
 * Roles that carry a value to the output but decide no stamp: the stamp's owner, the
 * engagement's lead and contact (SPEC §4.2). A file may lack their columns (they read as null).
 */
export const CARRIED_ROLES: readonly string[] = ['owner', 'lead', 'contact'];

/**
 * The columns of `object` that decide its stamps, in schema order: those its criteria compare,
 * the date-follows column and the columns of its deciding roles (id, valid-from, created,
 * completed, record type, current activation, the opportunity's activation).
 */
export function columnsNeeded(def: CheckedDefinition, object: ObjectName): string[] {
  const o = def.schema.objects[object];
  const roles = Object.entries(o.roles as unknown as Record<string, string | undefined>);
  const read = new Set<string>(roles.flatMap(([role, column]) => (column === undefined || CARRIED_ROLES.includes(role) ? [] : [column])));
  for (const stage of def.stages) {
    const criteria = object === 'Engagement' ? undefined : stage.criteria[object];
    if (criteria !== undefined) for (const column of columnsRead(criteria)) read.add(column);
    if (object === 'Opportunity' && stage.dateFollows !== undefined) read.add(stage.dateFollows);
  }
  return Object.keys(o.fields).filter((name) => read.has(name));
}

/**
 * The columns of `object` the compiled targets read, in schema order: those that decide its
 * stamps (`columnsNeeded`) and those of the carried roles. Nothing else reaches a stamp.
 */
export function columnsUsed(def: CheckedDefinition, object: ObjectName): string[] {
  const o = def.schema.objects[object];
  const roles = o.roles as unknown as Record<string, string | undefined>;
  const used = new Set<string>(columnsNeeded(def, object));
  for (const role of CARRIED_ROLES) if (roles[role] !== undefined) used.add(roles[role]);
  return Object.keys(o.fields).filter((name) => used.has(name));
}

/** Per object, the union over `definitions` of `columns(def, object)`. */
function byObject(definitions: readonly CheckedDefinition[], columns: (def: CheckedDefinition, object: ObjectName) => string[]): Record<ObjectName, string[]> {
  const out = {} as Record<ObjectName, string[]>;
  for (const object of OBJECT_NAMES) out[object] = [...new Set(definitions.flatMap((def) => columns(def, object)))];
  return out;
}

/** Per object, the columns any of `definitions`' compiled targets read (`columnsUsed`). */
export function columnsUsedByObject(...definitions: readonly CheckedDefinition[]): Record<ObjectName, string[]> {
  return byObject(definitions, columnsUsed);
}

/** Per object, the columns any of `definitions` reads or a role names (what a data folder must carry). */
export function columnsNeededByObject(...definitions: readonly CheckedDefinition[]): Record<ObjectName, string[]> {
  return byObject(definitions, columnsNeeded);
}
