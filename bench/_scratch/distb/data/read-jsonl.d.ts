/**
 * Reads one JSON Lines table file (one JSON object per line) into a `TableBuilder`.
 * Positions point at the value of the offending key (line and character column), so
 * `file:line:col` lands on it in an editor.
 */
import type { TableBuilder } from './table.js';
export declare function readJsonlTable(text: string, table: TableBuilder): void;
