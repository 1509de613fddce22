/**
 * The stage-stamp views (SPEC §4, §4.5), as unformatted SQL, one statement per view.
 *
 * The pipeline is set-based and mirrors the spec's vocabulary, one view per step:
 *
 *   stage_journeys               Activation engagements with their window (§4.2)
 *   stage_opportunity_origins    per opportunity: its earliest version (stage-4 candidate, the
 *                                journey it is attributed to) and the §4.4 date of its latest version
 *   stage_primary_opportunities  per journey: the least (t, Id) origin inside the window
 *   stage_candidates             every candidate with its §4.3 order key
 *   stage_stamps                 per record and enabled stage k, the least candidate of a stage j ≥ k
 *   engagement_stages, opportunity_stages   wide reporting views
 *
 * Each step is a join, a UNION ALL or a ROW_NUMBER window (or QUALIFY where the dialect has
 * it): no correlated subqueries, so cost is O(n log n) in the number of versions.
 *
 * Names: every table, field and view name is quoted by the dialect (it comes from the user's
 * schema or flags); internal column aliases are fixed lower-case words that are reserved
 * nowhere, left unquoted so they read naturally in every warehouse (Snowflake upper-cases them).
 */
import type { CheckedDefinition } from '../ir.js';
import type { Dialect } from './dialect.js';
export interface ViewNaming {
    /** Prepended to every view name. */
    readonly prefix: string;
    /** Database schema the views are created in (and referenced from); unqualified when absent. */
    readonly schemaName?: string;
}
export interface ViewStatement {
    /** Unprefixed view name, e.g. `stage_stamps`. */
    readonly name: string;
    /** `CREATE OR REPLACE VIEW … AS …` without a trailing semicolon. */
    readonly sql: string;
}
/** The view names, in dependency order. */
export declare const VIEW_NAMES: readonly ["stage_journeys", "stage_opportunity_origins", "stage_primary_opportunities", "stage_candidates", "stage_stamps", "engagement_stages", "opportunity_stages"];
export type ViewName = (typeof VIEW_NAMES)[number];
export declare function buildViews(def: CheckedDefinition, dialect: Dialect, naming: ViewNaming): ViewStatement[];
/** The (possibly schema-qualified) quoted name of one of our views. */
export declare function viewRef(ctx: {
    d: Dialect;
    naming: ViewNaming;
}, name: ViewName): string;
