/**
 * A RecordType table export (`stages schema import --record-types FILE.csv`): the rows that
 * name record-type ids. Columns are found by name, compared without case and underscores, so
 * the API's `Id,DeveloperName,SobjectType` and Fivetran's `id,developer_name,sobject_type`
 * both read; other columns are ignored.
 */
import { readCsv } from '../data/csv.js';
import { SchemaImportError, type RecordTypeRow } from './import.js';

const WANTED = { id: 'id', developerName: 'developername', sobjectType: 'sobjecttype' } as const;

export function parseRecordTypeCsv(text: string, file: string): RecordTypeRow[] {
  const records = readCsv(text);
  let index: Record<keyof typeof WANTED, number> | undefined;
  const rows: RecordTypeRow[] = [];
  for (const record of records) {
    if (record.kind === 'error') throw new SchemaImportError(`${file}:${record.line}:${record.column}: ${record.message}`);
    const cells = record.cells.map((c) => c.text);
    if (index === undefined) {
      const names = cells.map((c) => c.replace(/_/g, '').toLowerCase());
      const found = Object.fromEntries(Object.entries(WANTED).map(([key, name]) => [key, names.indexOf(name)])) as Record<keyof typeof WANTED, number>;
      const missing = Object.entries(found).filter(([, i]) => i < 0).map(([key]) => key);
      if (missing.length > 0) throw new SchemaImportError(`${file}:1: a RecordType export needs the columns Id, DeveloperName, SobjectType (missing: ${missing.join(', ')})`);
      index = found;
      continue;
    }
    if (cells.length === 1 && cells[0] === '') continue;
    const row = { id: cells[index.id] ?? '', developerName: cells[index.developerName] ?? '', sobjectType: cells[index.sobjectType] ?? '' };
    if (row.id === '' || row.developerName === '' || row.sobjectType === '') {
      throw new SchemaImportError(`${file}:${record.line}: Id, DeveloperName and SobjectType must not be empty`);
    }
    rows.push(row);
  }
  if (index === undefined) throw new SchemaImportError(`${file}: empty (expected a header Id,DeveloperName,SobjectType)`);
  return rows;
}
