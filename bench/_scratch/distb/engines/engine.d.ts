/**
 * An engine computes `stage_stamps` (SPEC §4.5) for a checked definition over a dataset.
 * Every engine — embedded DuckDB, PostgreSQL, the TypeScript evaluator — implements this,
 * so the scenario table and the differential tests run the same cases on all of them.
 */
import type { CheckedDefinition } from '../compiler/ir.js';
import type { Dataset } from '../data/dataset.js';
import type { StampRow } from '../runtime/stamp.js';
export type EngineName = 'duckdb' | 'postgres' | 'ts';
export interface Engine {
    readonly name: EngineName;
    /** The stamps, sorted in the §4.5 order (object, record_id by code point, stage). */
    stamps(definition: CheckedDefinition, data: Dataset): Promise<StampRow[]>;
    /** Releases connections / databases. */
    close(): Promise<void>;
}
