/** Reads one CSV table file into a `TableBuilder` (header of field names, then rows). */
import { readCsv } from './csv.js';
import type { CellInput, TableBuilder } from './table.js';
import { parseText } from './values.js';

export function readCsvTable(text: string, table: TableBuilder): void {
  let header: { readonly name: string; readonly accepted: boolean }[] | null = null;
  let usable = true;
  for (const item of readCsv(text)) {
    if (item.kind === 'error') {
      table.report({ line: item.line, column: item.column }, `CSV syntax: ${item.message}`);
      if (header === null) return; // without a header nothing else can be read
      continue;
    }
    if (header === null) {
      const columns = item.cells.map((c) => ({ name: c.text, where: { line: c.line, column: c.column } }));
      usable = table.checkHeader(columns, { line: item.line, column: 1 });
      const names = columns.map((c) => c.name);
      header = columns.map((c, i) => ({
        name: c.name,
        // A duplicated name is read from its first occurrence only (the header check reported it).
        accepted: names.indexOf(c.name) === i && table.knows(c.name),
      }));
      if (!usable) return;
      continue;
    }
    if (item.cells.length !== header.length) {
      const extra = item.cells[header.length];
      const last = item.cells[item.cells.length - 1]!;
      table.report(
        extra ? { line: extra.line, column: extra.column } : { line: last.line, column: last.column },
        `expected ${header.length} fields as in the header, found ${item.cells.length}`,
      );
      continue;
    }
    const cells = new Map<string, CellInput>();
    item.cells.forEach((cell, i) => {
      const column = header![i]!;
      if (!column.accepted) return;
      cells.set(column.name, { where: { line: cell.line, column: cell.column }, parse: (field, zone) => parseText(cell.text, field, zone) });
    });
    table.addRow({ line: item.line, column: 1 }, cells);
  }
  if (header === null) {
    table.report({ file: true }, 'the file is empty; a CSV table needs at least a header row of field names');
  }
}
