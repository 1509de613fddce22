/**
 * The scenario data in a replica's layout: the same schema with every field in a Fivetran-style
 * column (`OwnerId` in `owner_id`), history tables (`lead_history`) and `_fivetran_start` as the
 * version column. A definition checked against it must stamp exactly what it stamps over the
 * default layout, on every engine: the back ends read columns, never field names.
 */
import type { Dataset, Row, Value } from '../../src/data/dataset.js';
import { columnInStyle } from '../../src/schema/columns.js';
import { OBJECT_NAMES, type FieldDef, type ObjectName, type Schema } from '../../src/schema/types.js';
import { columnOf } from '../../src/schema/warehouse.js';

export const REPLICA_VALID_FROM = '_fivetran_start';

/** `schema` with Fivetran columns, `<table>_history` version tables and `_fivetran_start`. */
export function replicaSchema(schema: Schema): Schema {
  const objects = Object.fromEntries(
    OBJECT_NAMES.map((object) => {
      const def = schema.objects[object];
      const fields: Record<string, FieldDef> = {};
      for (const [name, field] of Object.entries(def.fields)) fields[name] = { ...field, column: columnInStyle('fivetran', name) };
      const roles = def.versioned ? { ...def.roles, validFrom: REPLICA_VALID_FROM } : def.roles;
      return [object, { ...def, table: def.versioned ? `${def.table}_history` : def.table, fields, roles }];
    }),
  );
  return { ...schema, objects: objects as unknown as Schema['objects'] };
}

/** `data` (rows keyed by the field names of `schema`) with its rows keyed by `replica`'s columns. */
export function replicaDataset(data: Dataset, schema: Schema, replica: Schema): Dataset {
  const result: Record<ObjectName, Row[]> = { Engagement: [], Lead: [], Contact: [], Opportunity: [] };
  for (const object of OBJECT_NAMES) {
    const roles = schema.objects[object].roles as { readonly validFrom?: string };
    for (const row of data[object]) {
      const renamed: Record<string, Value> = {};
      for (const [key, value] of Object.entries(row)) {
        renamed[key === roles.validFrom ? REPLICA_VALID_FROM : columnOf(replica, object, key)] = value;
      }
      result[object].push(renamed);
    }
  }
  return result;
}
