/**
 * Validation and normalisation of upserted records (SPEC §3, §6).
 *
 * A record is checked completely before the evaluator touches its state, so a `RecordError`
 * always leaves the state unchanged. Records that are already normalised (what the data loader
 * produces) are passed to predicates as they are — no copy; only records needing a change
 * (a `Date`, an offset instant, empty text, a multi-select array) are copied.
 */
import type { EvaluatorRecord, ObjectName, RecordValue, RuntimeFieldType } from './definition.js';
import { RecordError } from './errors.js';
import { formatInstant, instantOfDate, isCanonicalDate, isCanonicalInstant, parseCanonicalInstant, parseInstant } from './values.js';

const TEXT = 0;
const MULTI = 1;
const BOOLEAN = 2;
const NUMBER = 3;
const DATE = 4;
const DATETIME = 5;

function kindOf(type: RuntimeFieldType): number {
  switch (type) {
    case 'id':
    case 'reference':
    case 'text':
    case 'picklist':
      return TEXT;
    case 'multipicklist':
      return MULTI;
    case 'boolean':
      return BOOLEAN;
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return NUMBER;
    case 'date':
      return DATE;
    case 'datetime':
      return DATETIME;
  }
}

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
        if (t !== t) {
          t = parseInstant(raw);
          if (t === t) (copy ??= { ...(record as Record<string, RecordValue>) })[instantField] = formatInstant(t);
        }
      } else if (raw instanceof Date) {
        t = instantOfDate(raw);
        if (t === t) (copy ??= { ...(record as Record<string, RecordValue>) })[instantField] = formatInstant(t);
      } else {
        t = NaN;
      }
      if (t !== t) {
        if (raw === undefined || raw === null || raw === '') this.fail(record, instantField, 'is required');
        this.fail(record, instantField, `expected ${KIND_NAMES[DATETIME]} in years 0001-9999, got ${describe(raw)}`);
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
        case TEXT:
          if (typeof v === 'string') {
            if (v === '') (copy ??= { ...(record as Record<string, RecordValue>) })[name] = null;
            continue;
          }
          break;
        case NUMBER:
          if (typeof v === 'number' && Number.isFinite(v)) continue;
          break;
        case BOOLEAN:
          if (typeof v === 'boolean') continue;
          break;
        case MULTI:
          if (typeof v === 'string') {
            if (v === '') (copy ??= { ...(record as Record<string, RecordValue>) })[name] = null;
            continue;
          }
          if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
            (copy ??= { ...(record as Record<string, RecordValue>) })[name] = v.length === 0 ? null : v.join(';');
            continue;
          }
          break;
        case DATE:
          if (typeof v === 'string') {
            if (v === '') {
              (copy ??= { ...(record as Record<string, RecordValue>) })[name] = null;
              continue;
            }
            if (isCanonicalDate(v)) continue;
          } else if (v instanceof Date && instantOfDate(v) === instantOfDate(v)) {
            (copy ??= { ...(record as Record<string, RecordValue>) })[name] = formatInstant(v.getTime()).slice(0, 10);
            continue;
          }
          break;
        case DATETIME:
          if (typeof v === 'string') {
            if (v === '') {
              (copy ??= { ...(record as Record<string, RecordValue>) })[name] = null;
              continue;
            }
            if (isCanonicalInstant(v)) continue;
            const t = parseInstant(v);
            if (t === t) {
              (copy ??= { ...(record as Record<string, RecordValue>) })[name] = formatInstant(t);
              continue;
            }
          } else if (v instanceof Date && instantOfDate(v) === instantOfDate(v)) {
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
