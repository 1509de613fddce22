/** The unified-diff writer and strict applier the SQL goldens are stored with (./unified-diff.ts). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyUnifiedDiff, unifiedDiff } from '../support/unified-diff.js';

const names = { before: 'a.sql', after: 'b.sql' };

/** Texts of few distinct lines, so random pairs share many (the interesting case). */
const text = fc
  .tuple(fc.array(fc.constantFrom('a', 'b', 'c', 'SELECT', '', ' x', '-y', '+z', '\\ w', '@@ v'), { maxLength: 30 }), fc.boolean())
  .map(([lines, newline]) => (lines.length === 0 ? '' : lines.join('\n') + (newline ? '\n' : '')));

describe('unifiedDiff', () => {
  it('writes what diff -u writes', () => {
    // Seven unchanged lines between the changes: two hunks (six or fewer would join them).
    const before = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n';
    const after = 'one\ntwo\nthree\nFOUR\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\nthirteen\n';
    expect(unifiedDiff(before, after, names)).toBe(
      [
        '--- a.sql',
        '+++ b.sql',
        '@@ -1,7 +1,7 @@',
        ' one',
        ' two',
        ' three',
        '-four',
        '+FOUR',
        ' five',
        ' six',
        ' seven',
        '@@ -10,3 +10,4 @@',
        ' ten',
        ' eleven',
        ' twelve',
        '+thirteen',
        '',
      ].join('\n'),
    );
  });
  it('joins changes six unchanged lines apart into one hunk', () => {
    const before = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n';
    const after = 'one\ntwo\nthree\nFOUR\nfive\nsix\nseven\neight\nnine\nten\neleven\n';
    expect(unifiedDiff(before, after, names).split('\n').filter((line) => line.startsWith('@@'))).toEqual(['@@ -1,10 +1,11 @@']);
  });
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', names)).toBe('');
  });
  it('marks a last line without a newline', () => {
    expect(unifiedDiff('a\n', 'a', names)).toBe('--- a.sql\n+++ b.sql\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n');
  });
  it('names an empty range by the line before it', () => {
    expect(unifiedDiff('', 'x\n', names)).toBe('--- a.sql\n+++ b.sql\n@@ -0,0 +1 @@\n+x\n');
    expect(unifiedDiff('x\n', '', names)).toBe('--- a.sql\n+++ b.sql\n@@ -1 +0,0 @@\n-x\n');
  });
  it('round-trips through applyUnifiedDiff', () => {
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 4 }), (before, after, context) => {
        expect(applyUnifiedDiff(before, unifiedDiff(before, after, names, context))).toBe(after);
      }),
      { numRuns: 500 },
    );
  });
  it('agrees with GNU patch where it is installed', () => {
    let hasPatch = true;
    try {
      execFileSync('patch', ['--version'], { stdio: 'ignore' });
    } catch {
      hasPatch = false;
    }
    if (!hasPatch) return;
    const dir = mkdtempSync(join(tmpdir(), 'unified-diff-'));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const file = join(dir, 'f');
        writeFileSync(file, before);
        writeFileSync(join(dir, 'p'), unifiedDiff(before, after, names));
        const patched = execFileSync('patch', ['-s', '--no-backup-if-mismatch', '-o', '-', file, join(dir, 'p')], { encoding: 'utf8' });
        expect(patched).toBe(after);
      }),
      { numRuns: 50 },
    );
  });
});

describe('applyUnifiedDiff', () => {
  const base = 'one\ntwo\nthree\n';
  it('applies a patch written by diff -u', () => {
    expect(applyUnifiedDiff(base, '--- x\n+++ y\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n')).toBe('one\n2\nthree\n');
  });
  it('applies the empty patch as no change', () => {
    expect(applyUnifiedDiff(base, '')).toBe(base);
  });
  it('refuses a patch whose context does not match', () => {
    expect(() => applyUnifiedDiff(base, '@@ -1,3 +1,3 @@\n one\n-TWO\n+2\n three\n')).toThrow(/does not apply at old line 2/);
  });
  it('refuses a hunk at the wrong place instead of searching for it', () => {
    expect(() => applyUnifiedDiff(base, '@@ -2,1 +2,1 @@\n-three\n+3\n')).toThrow(/does not apply/);
  });
  it('refuses hunks out of order, past the end, or with miscounted lines', () => {
    expect(() => applyUnifiedDiff(base, '@@ -3 +3 @@\n-three\n+3\n@@ -1 +1 @@\n-one\n+1\n')).toThrow(/out of order/);
    expect(() => applyUnifiedDiff(base, '@@ -3,2 +3,2 @@\n-three\n-four\n+3\n+4\n')).toThrow(/past the end/);
    expect(() => applyUnifiedDiff(base, '@@ -1,2 +1,2 @@\n-one\n+1\n')).toThrow(/do not add up/);
  });
  it('refuses text that is not a patch', () => {
    expect(() => applyUnifiedDiff(base, 'SELECT 1\n')).toThrow(/header/);
  });
});
