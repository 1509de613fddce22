import type { TableBuilder } from './table.js';
export declare function readParquetTable(path: string, table: TableBuilder): Promise<void>;
