/**
 * `validateDataset(rows, schema)`: the loader's validation for rows built in code (tests,
 * benchmarks, an application that already holds its CRM history in memory). Values are
 * accepted exactly as in JSON Lines (typed JSON values; `Date` objects for instants too),
 * normalised the same way, and problems name the table and the 1-based row.
 */
import { type ObjectName, type Schema } from '../schema/types.js';
import type { Dataset } from './dataset.js';
export type LooseRow = Readonly<Record<string, unknown>>;
export declare function validateDataset(data: Partial<Record<ObjectName, readonly LooseRow[]>>, schema: Schema): Dataset;
