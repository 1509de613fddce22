import type { TableBuilder } from './table.js';
export declare function readCsvTable(text: string, table: TableBuilder): void;
