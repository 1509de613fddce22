/**
 * A text file read in pieces (how `readTable` reads a file too large for one string) gives
 * exactly the rows and problems of the same file read whole: on every data fixture and on
 * generated CSV and JSON Lines with quoted fields across lines, CRLF, syntax errors and bad
 * values, with pieces as small as one byte (a piece is then one line, or one record's lines).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ProblemLog } from '../../src/data/errors.js';
import { readTable, type ReadTableOptions } from '../../src/data/load.js';
import { TableBuilder } from '../../src/data/table.js';
import { OBJECT_NAMES, type ObjectName } from '../../src/schema/types.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import * as fixtures from '../support/data-fixtures.js';

const schema = loadDefaultSchema();
const root = mkdtempSync(join(tmpdir(), 'stagecraft-pieces-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let files = 0;

const objectOf = (name: string): ObjectName | undefined => OBJECT_NAMES.find((o) => `${schema.objects[o].table}.` === name.slice(0, name.lastIndexOf('.') + 1));

async function read(path: string, object: ObjectName, options: ReadTableOptions) {
  const log = new ProblemLog();
  const builder = new TableBuilder(object, schema.objects[object], 'f', log, undefined, []);
  await readTable(path, path.endsWith('.csv') ? 'csv' : 'jsonl', builder, options);
  return { rows: builder.rows(), problems: log.problems(), count: log.count };
}

const WHOLE: ReadTableOptions = {};
const PIECES = [1, 2, 5, 17, 64].map((pieceBytes): ReadTableOptions => ({ largeFileBytes: 0, pieceBytes }));

async function expectSameInPieces(content: string | Buffer, name: string): Promise<void> {
  const object = objectOf(name);
  if (object === undefined) return;
  const path = join(root, `${files++}-${name}`);
  writeFileSync(path, content);
  const whole = await read(path, object, WHOLE);
  for (const options of PIECES) expect(await read(path, object, options), `${name} in pieces of ${options.pieceBytes}`).toEqual(whole);
}

describe('readTable in pieces', () => {
  it('reads every text fixture exactly as it reads it whole', async () => {
    let checked = 0;
    for (const value of Object.values(fixtures)) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      for (const [name, content] of Object.entries(value)) {
        if (!/\.(csv|jsonl)$/.test(name) || (typeof content !== 'string' && !Buffer.isBuffer(content))) continue;
        await expectSameInPieces(content, name);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  const cell = fc.oneof(
    fc.constantFrom('', 'L1', 'L2', '2025-01-01T00:00:00Z', '2025-13-01T00:00:00Z', 'Open', 'yes', 'true', '12.5', 'NaN', 'Ölçü', '😀'),
    fc.constantFrom('"a,b"', '"multi\nline"', '"crlf\r\ninside"', '"do""ubled"', 'a"b', '"open', '"x"y'),
  );
  const csvLine = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
  const ending = fc.constantFrom('\n', '\r\n', '\n\n');

  it('reads generated CSV exactly as it reads it whole', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(fc.tuple(csvLine, ending), { maxLength: 12 }), fc.boolean(), async (bom, lines, finalNewline) => {
        const body = lines.map(([l, e]) => l + e).join('');
        const text = `${bom ? '\uFEFF' : ''}Id,valid_from,Status,Score,IsConverted\n${finalNewline ? body : body.replace(/\r?\n$/, '')}`;
        await expectSameInPieces(text, 'lead.csv');
      }),
      { numRuns: 120, seed: 20261207 },
    );
  });

  it('reads generated JSON Lines exactly as it reads it whole', async () => {
    const value = fc.oneof(fc.constantFrom('"L1"', '"2025-01-01T00:00:00Z"', '"bad"', '1', 'true', 'null', '"Open"'));
    const object = fc
      .array(fc.tuple(fc.constantFrom('Id', 'valid_from', 'Status', 'Score', 'Id'), value), { maxLength: 5 })
      .map((pairs) => `{${pairs.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`);
    const line = fc.oneof(object, fc.constantFrom('', '[1]', '{"Id": ', '  {"Id":"L3","valid_from":"2025-01-01T00:00:00Z"}'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), { maxLength: 10 }), async (lines) => {
        await expectSameInPieces(lines.map(([l, e]) => l + e).join(''), 'lead.jsonl');
      }),
      { numRuns: 80, seed: 20261208 },
    );
  });
});
