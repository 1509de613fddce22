/**
 * The schema as the warehouse sees it: every object's fields keyed by their COLUMN and its
 * roles naming columns. A schema field may name its column apart from its field name (SPEC §3);
 * `.stages` files and diagnostics use field names, everything after the checker — the SQL
 * views, the loaders, the evaluator's input — reads columns. The checker puts this form in the
 * checked IR, so the column of a field is decided here and nowhere else.
 */
import { OBJECT_NAMES, type FieldDef, type ObjectDef, type ObjectName, type Schema } from './types.js';

/** The column of `field` on `object` (the field name unless the schema names another). */
export function columnOf(schema: Schema, object: ObjectName, field: string): string {
  return schema.objects[object].fields[field]?.column ?? field;
}

function warehouseObject<R>(def: ObjectDef<R>, object: ObjectName, schema: Schema): ObjectDef<R> {
  const fields: Record<string, FieldDef> = {};
  for (const [name, field] of Object.entries(def.fields)) {
    const { column, ...rest } = field;
    fields[column ?? name] = rest;
  }
  const roles: Record<string, string> = {};
  for (const [role, name] of Object.entries(def.roles as Record<string, string>)) {
    // validFrom names a column already (it is not a field of the object).
    roles[role] = role === 'validFrom' ? name : columnOf(schema, object, name);
  }
  return { ...def, fields, roles: roles as R };
}

export function warehouseSchema(schema: Schema): Schema {
  const objects = Object.fromEntries(OBJECT_NAMES.map((o) => [o, warehouseObject(schema.objects[o] as ObjectDef<unknown>, o, schema)]));
  return { ...schema, objects: objects as unknown as Schema['objects'] };
}
