import { type ObjectName, type Schema } from '../schema/types.js';
import type { Dataset } from './dataset.js';
export { DataError, formatProblem, type DataProblem } from './errors.js';
export declare const DATA_FORMATS: readonly ["csv", "jsonl", "parquet"];
export type DataFormat = (typeof DATA_FORMATS)[number];
export interface TableSource {
    readonly object: ObjectName;
    /** The file read, or null when the folder has none for this table (empty table). */
    readonly file: string | null;
    readonly format: DataFormat | null;
    readonly rows: number;
}
export interface LoadReport {
    readonly dataset: Dataset;
    readonly sources: readonly TableSource[];
}
export declare function loadDataset(dir: string, schema: Schema): Promise<Dataset>;
/** Like `loadDataset`, and also says which file each table came from. */
export declare function loadDatasetWithReport(dir: string, schema: Schema): Promise<LoadReport>;
