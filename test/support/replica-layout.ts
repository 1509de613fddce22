/**
 * The scenario data in a replica's layout: the same schema with every field in a Fivetran-style
 * column (`OwnerId` in `owner_id`), history tables (`lead_history`), `_fivetran_start` as the
 * version column, and the Engagement's record type by id (`RecordTypeId`, two Activation ids as
 * from two orgs). A definition checked against it must stamp exactly what it stamps over the
 * default layout, on every engine: the back ends read columns and record-type ids.
 */
import type { Dataset, Row, Value } from '../../src/data/dataset.js';
import { columnInStyle } from '../../src/schema/columns.js';
import { OBJECT_NAMES, type FieldDef, type ObjectName, type Schema } from '../../src/schema/types.js';
import { columnOf } from '../../src/schema/warehouse.js';

export const REPLICA_VALID_FROM = '_fivetran_start';

/** Record-type ids of the replica; `Activation` has two (engagements alternate between them). */
export const REPLICA_RECORD_TYPES = { Activation: ['012000000000001AAA', '012000000000002AAA'], Influencing: ['012000000000003AAA'] } as const;

/** A record-type value of the default layout as the replica holds it (unknown values kept as they are). */
function recordTypeId(value: Value, index: number): Value {
  if (value === 'Activation') return REPLICA_RECORD_TYPES.Activation[index % 2];
  if (value === 'Influencing') return REPLICA_RECORD_TYPES.Influencing[0];
  return value;
}

/** `schema` with Fivetran columns, `<table>_history` version tables and `_fivetran_start`. */
export function replicaSchema(schema: Schema): Schema {
  const objects = Object.fromEntries(
    OBJECT_NAMES.map((object) => {
      const def = schema.objects[object];
      const fields: Record<string, FieldDef> = {};
      for (const [name, field] of Object.entries(def.fields)) {
        const byId = object === 'Engagement' && name === schema.objects.Engagement.roles.recordType;
        if (byId) fields.RecordTypeId = { type: 'reference', column: 'record_type_id' };
        else fields[name] = { ...field, column: columnInStyle('fivetran', name) };
      }
      if (object === 'Engagement') {
        return [object, { ...def, fields, roles: { ...schema.objects.Engagement.roles, recordType: 'RecordTypeId' }, recordTypes: REPLICA_RECORD_TYPES }];
      }
      const roles = def.versioned ? { ...def.roles, validFrom: REPLICA_VALID_FROM } : def.roles;
      return [object, { ...def, table: `${def.table}_history`, fields, roles }];
    }),
  );
  return { ...schema, objects: objects as unknown as Schema['objects'] };
}

/** `data` (rows keyed by the field names of `schema`) with its rows keyed by `replica`'s columns. */
export function replicaDataset(data: Dataset, schema: Schema, replica: Schema): Dataset {
  const result: Record<ObjectName, Row[]> = { Engagement: [], Lead: [], Contact: [], Opportunity: [] };
  for (const object of OBJECT_NAMES) {
    const roles = schema.objects[object].roles as { readonly validFrom?: string };
    const recordType = object === 'Engagement' ? schema.objects.Engagement.roles.recordType : undefined;
    for (const [index, row] of data[object].entries()) {
      const renamed: Record<string, Value> = {};
      for (const [key, value] of Object.entries(row)) {
        if (key === recordType) renamed.record_type_id = recordTypeId(value, index);
        else renamed[key === roles.validFrom ? REPLICA_VALID_FROM : columnOf(replica, object, key)] = value;
      }
      result[object].push(renamed);
    }
  }
  return result;
}
