/** Typed errors of the evaluator: a caller can tell bad input apart from a bug. */
/**
 * A record passed to `upsert` is invalid (unknown object, missing `Id`, unparseable instant,
 * wrong value type, a change the evaluator cannot apply exactly, …). It names the object, the
 * record and the field, and the evaluator's state is unchanged when it is thrown.
 */
export class RecordError extends Error {
    object;
    recordId;
    field;
    reason;
    constructor(
    /** The object name passed to `upsert` (as given, even when unknown). */
    object, 
    /** The record's `Id`, or null when it has none (or it is not a string). */
    recordId, 
    /** The offending field, or null when the problem is the record as a whole. */
    field, 
    /** What is wrong, without the object/record/field prefix. */
    reason) {
        const where = [object, recordId === null ? '(no Id)' : JSON.stringify(recordId)].join(' ');
        super(field === null ? `${where}: ${reason}` : `${where}: field ${field}: ${reason}`);
        this.object = object;
        this.recordId = recordId;
        this.field = field;
        this.reason = reason;
        this.name = 'RecordError';
    }
}
/** A snapshot given to `createEvaluator(definition, { restore })` is malformed or belongs to another definition. */
export class SnapshotError extends Error {
    constructor(message) {
        super(message);
        this.name = 'SnapshotError';
    }
}
//# sourceMappingURL=errors.js.map