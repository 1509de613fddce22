/**
 * Validation and normalisation of upserted records (SPEC §3, §6).
 *
 * A record is checked completely before the evaluator touches its state, so a `RecordError`
 * always leaves the state unchanged. Records that are already normalised (what the data loader
 * produces) are passed to predicates as they are — no copy; only records needing a change
 * (a `Date`, an offset instant, empty text, a multi-select array) are copied.
 */
import { OBJECT_NAMES, type EvaluatorDefinition, type EvaluatorRecord, type ObjectName, type RecordValue, type RuntimeFieldType } from './definition.js';
import { RecordError } from './errors.js';
import { formatInstant, instantOfDate, isCanonicalDate, isCanonicalInstant, parseCanonicalInstant, parseInstant } from './values.js';

/** How a field's value is checked; the values index `KIND_NAMES` and fill a `Uint8Array` per shape. */
const ValueKind = { TEXT: 0, MULTI: 1, BOOLEAN: 2, NUMBER: 3, DATE: 4, DATETIME: 5 } as const;
type ValueKind = (typeof ValueKind)[keyof typeof ValueKind];

function kindOf(type: RuntimeFieldType): ValueKind {
  switch (type) {
    case 'id':
    case 'reference':
    case 'text':
    case 'picklist':
      return ValueKind.TEXT;
    case 'multipicklist':
      return ValueKind.MULTI;
    case 'boolean':
      return ValueKind.BOOLEAN;
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return ValueKind.NUMBER;
    case 'date':
      return ValueKind.DATE;
    case 'datetime':
      return ValueKind.DATETIME;
  }
}

/** Index = `ValueKind`: what the error message says was expected. */
const KIND_NAMES = ['text', 'multi-select text (string or array of strings)', 'boolean', 'finite number', 'date (YYYY-MM-DD)', 'instant (ISO-8601 with Z or offset)'];

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? `number ${v}` : `non-finite number ${v}`;
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (v instanceof Date) return 'invalid Date';
  return Array.isArray(v) ? 'array' : typeof v;
}

/** Options per object: which fields are required and whether a `valid_from` column exists. */
export interface ShapeOptions {
  readonly object: ObjectName;
  readonly fields: Readonly<Record<string, RuntimeFieldType>>;
  readonly idField: string;
  /** Version tables: the `valid_from` column (required instant, not a field of the object). */
  readonly validFrom?: string;
  /** Engagement: the required `CreatedDate` field. */
  readonly requiredInstant?: string;
  /** Compiled check that every other field is already normal (see `EvaluatorObject.isNormal`). */
  readonly isNormal?: (record: Readonly<Record<string, unknown>>) => boolean;
}

/**
 * Validates and normalises records of one object. After `normalise` returns, `instant` holds
 * the epoch ms of `validFrom` (version tables) or of the required instant (Engagement) — kept
 * in a field rather than returned, so the hot path allocates nothing.
 */
export class RecordShape {
  readonly object: ObjectName;
  private readonly names: string[];
  private readonly kinds: Uint8Array;
  private readonly idField: string;
  private readonly instantField: string | null;
  private readonly instantIsColumn: boolean;
  private readonly isNormal: ((record: Readonly<Record<string, unknown>>) => boolean) | null;
  /** Epoch ms of the record's valid_from / CreatedDate after the last successful `normalise`. */
  instant = NaN;

  constructor(options: ShapeOptions) {
    this.object = options.object;
    this.idField = options.idField;
    const names = Object.keys(options.fields).filter((n) => n !== options.idField);
    this.names = names;
    this.kinds = Uint8Array.from(names, (n) => kindOf(options.fields[n]));
    this.instantField = options.validFrom ?? options.requiredInstant ?? null;
    this.instantIsColumn = options.validFrom !== undefined;
    this.isNormal = options.isNormal ?? null;
  }

  private fail(record: Readonly<Record<string, unknown>> | null, field: string | null, reason: string): never {
    const id = record === null ? null : record[this.idField];
    throw new RecordError(this.object, typeof id === 'string' && id !== '' ? id : null, field, reason);
  }

  /** Returns the record to give predicates (the input itself when already normal). Throws `RecordError`. */
  normalise(input: unknown): EvaluatorRecord {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new RecordError(this.object, null, null, `a record must be a plain object, got ${describe(input)}`);
    }
    const record = input as Readonly<Record<string, unknown>>;
    const id = record[this.idField];
    if (typeof id !== 'string' || id === '') {
      this.fail(record, this.idField, id === undefined || id === null || id === '' ? 'is required' : `expected text, got ${describe(id)}`);
    }
    let copy: Record<string, RecordValue> | null = null;

    // The valid_from column (or Engagement's CreatedDate) is required.
    const instantField = this.instantField;
    if (instantField !== null) {
      const raw = record[instantField];
      let t: number;
      if (typeof raw === 'string') {
        t = parseCanonicalInstant(raw);
        if (Number.isNaN(t)) {
          t = parseInstant(raw);
          if (!Number.isNaN(t)) (copy ??= { ...(record as Record<string, RecordValue>) })[instantField] = formatInstant(t);
        }
      } else if (raw instanceof Date) {
        t = instantOfDate(raw);
        if (!Number.isNaN(t)) (copy ??= { ...(record as Record<string, RecordValue>) })[instantField] = formatInstant(t);
      } else {
        t = NaN;
      }
      if (Number.isNaN(t)) {
        if (raw === undefined || raw === null || raw === '') this.fail(record, instantField, 'is required');
        this.fail(record, instantField, `expected ${KIND_NAMES[ValueKind.DATETIME]} in years 0001-9999, got ${describe(raw)}`);
      }
      this.instant = t;
    }

    if (copy === null && this.isNormal !== null && this.isNormal(record)) return record as EvaluatorRecord;

    const names = this.names;
    const kinds = this.kinds;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const v = record[name];
      if (v === undefined || v === null) continue;
      if (this.instantIsColumn === false && name === instantField) continue; // checked above
      switch (kinds[i]) {
        case ValueKind.TEXT:
          if (typeof v === 'string') {
            if (v === '') (copy ??= { ...(record as Record<string, RecordValue>) })[name] = null;
            continue;
          }
          break;
        case ValueKind.NUMBER:
          if (typeof v === 'number' && Number.isFinite(v)) continue;
          break;
        case ValueKind.BOOLEAN:
          if (typeof v === 'boolean') continue;
          break;
        case ValueKind.MULTI:
          if (typeof v === 'string') {
            if (v === '') (copy ??= { ...(record as Record<string, RecordValue>) })[name] = null;
            continue;
          }
          if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
            (copy ??= { ...(record as Record<string, RecordValue>) })[name] = v.length === 0 ? null : v.join(';');
            continue;
          }
          break;
        case ValueKind.DATE:
          if (typeof v === 'string') {
            if (v === '') {
              (copy ??= { ...(record as Record<string, RecordValue>) })[name] = null;
              continue;
            }
            if (isCanonicalDate(v)) continue;
          } else if (v instanceof Date && !Number.isNaN(instantOfDate(v))) {
            (copy ??= { ...(record as Record<string, RecordValue>) })[name] = formatInstant(v.getTime()).slice(0, 10);
            continue;
          }
          break;
        case ValueKind.DATETIME:
          if (typeof v === 'string') {
            if (v === '') {
              (copy ??= { ...(record as Record<string, RecordValue>) })[name] = null;
              continue;
            }
            if (isCanonicalInstant(v)) continue;
            const t = parseInstant(v);
            if (!Number.isNaN(t)) {
              (copy ??= { ...(record as Record<string, RecordValue>) })[name] = formatInstant(t);
              continue;
            }
          } else if (v instanceof Date && !Number.isNaN(instantOfDate(v))) {
            (copy ??= { ...(record as Record<string, RecordValue>) })[name] = formatInstant(v.getTime());
            continue;
          }
          break;
      }
      this.fail(record, name, `expected ${KIND_NAMES[kinds[i]]}, got ${describe(v)}`);
    }
    return (copy ?? record) as EvaluatorRecord;
  }
}

/** The shape of each object of a definition. */
export type RecordShapes = Readonly<Record<ObjectName, RecordShape>>;

export function makeShapes(definition: EvaluatorDefinition): RecordShapes {
  const { objects } = definition;
  const shape = (object: ObjectName, instant: { validFrom: string } | { requiredInstant: string }): RecordShape => {
    const { fields, roles, isNormal } = objects[object];
    return new RecordShape({ object, fields, idField: roles.id, ...instant, ...(typeof isNormal === 'function' ? { isNormal } : {}) });
  };
  return {
    Engagement: shape('Engagement', { requiredInstant: objects.Engagement.roles.created }),
    Lead: shape('Lead', { validFrom: objects.Lead.roles.validFrom }),
    Contact: shape('Contact', { validFrom: objects.Contact.roles.validFrom }),
    Opportunity: shape('Opportunity', { validFrom: objects.Opportunity.roles.validFrom }),
  };
}

/**
 * The error for a record of an object the evaluator does not know. Its id is read from the
 * first of `idFields` (the objects' id roles) holding a string, so the error names the record
 * as it would for a known object.
 */
export function unknownObject(object: unknown, record: unknown, idFields: readonly string[]): RecordError {
  let id: string | null = null;
  if (typeof record === 'object' && record !== null) {
    for (const field of idFields) {
      const value = (record as Record<string, unknown>)[field];
      if (typeof value === 'string') {
        id = value;
        break;
      }
    }
  }
  return new RecordError(String(object), id, null, `unknown object (expected one of ${OBJECT_NAMES.join(', ')})`);
}
