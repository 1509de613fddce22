/**
 * findNotUtf8 against a slow, obvious oracle: the first line that is not UTF-8, and as column
 * one more than the code points of its longest valid prefix (a byte-order mark not counted).
 * Files are made of ASCII, multi-byte characters, genuine U+FFFD, line ends and at most one
 * bad sequence, some padded so the bad byte falls at either side of the 1 MiB piece boundary.
 */
import { isUtf8 } from 'node:buffer';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { findNotUtf8 } from '../../src/data/utf8-check.js';

const root = mkdtempSync(join(tmpdir(), 'stagecraft-utf8-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let files = 0;
const fileOf = (bytes: Buffer): string => {
  const path = join(root, `f${files++}.csv`);
  writeFileSync(path, bytes);
  return path;
};

const MIB = 1 << 20;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function oracle(bytes: Buffer): { line: number; column: number } | null {
  if (isUtf8(bytes)) return null;
  let start = 0;
  for (let line = 1; ; line++) {
    const stop = bytes.indexOf(0x0a, start);
    const end = stop < 0 ? bytes.length : stop;
    const text = bytes.subarray(start, end);
    if (!isUtf8(text)) {
      let valid = 0;
      for (let k = text.length; k >= 0; k--) {
        if (isUtf8(text.subarray(0, k))) {
          valid = k;
          break;
        }
      }
      const skip = line === 1 && text.subarray(0, 3).equals(BOM) ? 3 : 0;
      return { line, column: [...text.subarray(skip, valid).toString('utf8')].length + 1 };
    }
    start = end + 1;
  }
}

const BAD_SEQUENCES = [[0xff], [0x80], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f]];
const token = fc.oneof(
  fc.constantFrom('a', 'Id,valid_from', ',', '\n', '"q"', 'é', '€', '😀', '\uFFFD', 'München'),
  fc.string({ maxLength: 8 }),
);

describe('findNotUtf8', () => {
  it('finds the line and column of the first bad byte as the oracle does, or none', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.constantFrom(0, MIB - 2, MIB - 1, MIB, MIB + 1, MIB - 40),
        fc.array(token, { maxLength: 30 }),
        fc.option(fc.tuple(fc.nat(), fc.constantFrom(...BAD_SEQUENCES)), { nil: null }),
        async (bom, padding, tokens, bad) => {
          const parts: Buffer[] = bom ? [BOM] : [];
          // Padding: ASCII lines of 64 bytes, then a last partial line, about `padding` bytes in all.
          if (padding > 0) parts.push(Buffer.from(`${'x'.repeat(63)}\n`.repeat(Math.floor(padding / 64)) + 'y'.repeat(padding % 64)));
          const pieces = tokens.map((t) => Buffer.from(t, 'utf8'));
          if (bad !== null) pieces.splice(bad[0] % (pieces.length + 1), 0, Buffer.from(bad[1]));
          const bytes = Buffer.concat([...parts, ...pieces]);
          expect(await findNotUtf8(fileOf(bytes))).toEqual(oracle(bytes));
        },
      ),
      { numRuns: 150, seed: 20261207 },
    );
  });

  it('follows a line longer than its 1 MiB pieces, cut inside a character', async () => {
    const before = 'é'.repeat(700_000); // 1.4 MB of two-byte characters on line 2
    const bytes = Buffer.concat([Buffer.from(`Id,Name\n${before}`), Buffer.from([0xff]), Buffer.from('tail\nnext\n')]);
    expect(await findNotUtf8(fileOf(bytes))).toEqual({ line: 2, column: 700_001 });
    const valid = Buffer.from(`Id,Name\n${before}tail\n`);
    expect(await findNotUtf8(fileOf(valid))).toBeNull();
  });

  it('reports a file that ends inside a character', async () => {
    expect(await findNotUtf8(fileOf(Buffer.from([0x61, 0x0a, 0x62, 0xe2, 0x82])))).toEqual({ line: 2, column: 2 });
  });
});
