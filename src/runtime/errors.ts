/** Typed errors of the evaluator: a caller can tell bad input apart from a bug. */

/**
 * A record passed to `upsert` is invalid (unknown object, missing `Id`, unparseable instant,
 * wrong value type, a change the evaluator cannot apply exactly, …). It names the object, the
 * record and the field, and the evaluator's state is unchanged when it is thrown.
 */
export class RecordError extends Error {
  constructor(
    /** The object name passed to `upsert` (as given, even when unknown). */
    readonly object: string,
    /** The record's `Id`, or null when it has none (or it is not a string). */
    readonly recordId: string | null,
    /** The offending field, or null when the problem is the record as a whole. */
    readonly field: string | null,
    /** What is wrong, without the object/record/field prefix. */
    readonly reason: string,
  ) {
    const where = [object, recordId === null ? '(no Id)' : JSON.stringify(recordId)].join(' ');
    super(field === null ? `${where}: ${reason}` : `${where}: field ${field}: ${reason}`);
    this.name = 'RecordError';
  }
}

/** A snapshot given to `createEvaluator(definition, { restore })` is malformed or belongs to another definition. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}
