/**
 * Small builders that keep the scenario table readable: instants by day, rows by object with
 * only the fields that matter, expected stamps with labels filled in, and the conversion of
 * a scenario's partial rows into a full `Dataset` (every schema field present, null when absent).
 */
import type { StageNumber } from '../../src/compiler/ir.js';
import type { Dataset, Row, Value } from '../../src/data/dataset.js';
import type { StampRow } from '../../src/runtime/stamp.js';
import { OBJECT_NAMES, type ObjectName, type Schema } from '../../src/schema/types.js';

export interface Scenario {
  /** What the scenario shows, as a sentence. */
  readonly name: string;
  /** The SPEC section it pins down, e.g. `§4.3`. */
  readonly rule: string;
  /** The `.stages` source. */
  readonly stages: string;
  /** Rows per object; fields left out are null. */
  readonly data: Partial<Record<ObjectName, Row[]>>;
  /** Hand-written, in the §4.5 order (object, record_id by code point, stage). */
  readonly expected: StampRow[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Midnight UTC of 2025-01-DD (day 0 is 2024-12-31). */
export function day(n: number): string {
  return n === 0 ? '2024-12-31T00:00:00.000Z' : `2025-01-${pad(n)}T00:00:00.000Z`;
}

/** An instant on 2025-01-DD at `HH:MM` or `HH:MM:SS.mmm`. */
export function at(n: number, time: string): string {
  const full = time.length === 5 ? `${time}:00.000` : time;
  return `2025-01-${pad(n)}T${full}Z`;
}

type Fields = Readonly<Record<string, Value>>;

/** An Activation engagement: one sales journey. */
export function activation(id: string, created: string, owner: string | null, fields: Fields = {}): Row {
  return { Id: id, RecordType: 'Activation', CreatedDate: created, OwnerId: owner, ...fields };
}

export function influencing(id: string, created: string, owner: string | null, fields: Fields = {}): Row {
  return { Id: id, RecordType: 'Influencing', CreatedDate: created, OwnerId: owner, ...fields };
}

function version(id: string, validFrom: string, fields: Fields): Row {
  return { Id: id, valid_from: validFrom, ...fields };
}
export const lead = version;
export const contact = version;
export const opportunity = version;

/** Fills every field of the schema (null when the scenario left it out) and `valid_from` on version tables. */
export function toDataset(data: Partial<Record<ObjectName, readonly Row[]>>, schema: Schema): Dataset {
  const result: Record<ObjectName, Row[]> = { Engagement: [], Lead: [], Contact: [], Opportunity: [] };
  for (const object of OBJECT_NAMES) {
    const def = schema.objects[object];
    const columns = [...Object.keys(def.fields), ...(object === 'Engagement' ? [] : [schema.objects[object].roles.validFrom])];
    for (const row of data[object] ?? []) {
      const unknown = Object.keys(row).filter((key) => !columns.includes(key));
      if (unknown.length > 0) throw new Error(`scenario row of ${object} has unknown fields: ${unknown.join(', ')}`);
      const full: Record<string, Value> = {};
      for (const column of columns) full[column] = row[column] ?? null;
      result[object].push(full);
    }
  }
  return result;
}

export type Labels = Readonly<Record<StageNumber, string>>;

/** Expected-stamp builders for one definition's labels. */
export function stampsFor(labels: Labels) {
  const make =
    (object: StampRow['object']) =>
    (recordId: string, stage: StageNumber, date: string, owner: string | null, how: 'direct' | 'inferred' = 'direct'): StampRow => ({
      object,
      record_id: recordId,
      stage,
      label: labels[stage],
      stage_date: date,
      owner_id: owner,
      inferred: how === 'inferred',
    });
  return { eng: make('engagement'), opp: make('opportunity') };
}
