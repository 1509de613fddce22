/**
 * writeFileAtomic replaces a file as `>` would, whole or not at all. That a file the user may
 * not write is refused is tested in test/cli/outputs.test.ts, as another user (root may write
 * any file).
 */
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/data/replace-file.js';

const root = mkdtempSync(join(tmpdir(), 'stagecraft-replace-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const folder = (name: string) => mkdtempSync(join(root, `${name}-`));

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file', async () => {
    const dir = folder('w');
    const target = join(dir, 'stamps.csv');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new contents\n');
    expect(readFileSync(target, 'utf8')).toBe('new contents\n');
    expect(readdirSync(dir)).toEqual(['stamps.csv']);
  });

  it('on failure leaves the old file untouched and no partial or temporary file', async () => {
    const dir = folder('f');
    // The target is a folder: refused before anything is written.
    const target = join(dir, 'stamps.csv');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'x');
    await expect(writeFileAtomic(target, 'data')).rejects.toMatchObject({ code: 'EISDIR' });
    expect(readdirSync(dir)).toEqual(['stamps.csv']);
    expect(readdirSync(target)).toEqual(['keep']);
    // A missing folder fails before anything is written.
    await expect(writeFileAtomic(join(dir, 'missing', 'x.csv'), 'data')).rejects.toThrow(/ENOENT/);
    // A path through a file (not a folder) fails the same way.
    writeFileSync(join(dir, 'plain'), 'x');
    await expect(writeFileAtomic(join(dir, 'plain', 'x.csv'), 'data')).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(readdirSync(dir).sort()).toEqual(['plain', 'stamps.csv']);
  });

  it('keeps the permission bits of the file it replaces, also while writing', async () => {
    const dir = folder('m');
    const target = join(dir, 'private.csv');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    await writeFileAtomic(target, 'new');
    expect(statSync(target).mode & 0o7777).toBe(0o600);
    chmodSync(target, 0o640);
    await writeFileAtomic(target, 'newer');
    expect(statSync(target).mode & 0o7777).toBe(0o640);
    expect(readFileSync(target, 'utf8')).toBe('newer');
  });

  it('writes through a symbolic link: the file it points to changes, the link stays', async () => {
    const dir = folder('l');
    mkdirSync(join(dir, 'real'));
    const real = join(dir, 'real', 'stamps.csv');
    writeFileSync(real, 'old');
    const link = join(dir, 'link.csv');
    symlinkSync(join('real', 'stamps.csv'), link);
    const second = join(dir, 'second.csv');
    symlinkSync('link.csv', second); // a link to the link
    await writeFileAtomic(second, 'new');
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(lstatSync(second).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(dir, 'real'))).toEqual(['stamps.csv']);
    // A dangling link is written through too: its target is created.
    const dangling = join(dir, 'dangling.csv');
    symlinkSync(join('real', 'later.csv'), dangling);
    await writeFileAtomic(dangling, 'made');
    expect(readlinkSync(dangling)).toBe(join('real', 'later.csv'));
    expect(readFileSync(join(dir, 'real', 'later.csv'), 'utf8')).toBe('made');
  });

  it('refuses a link cycle with ELOOP and writes nothing', async () => {
    const dir = folder('c');
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    await expect(writeFileAtomic(join(dir, 'a'), 'x')).rejects.toMatchObject({ code: 'ELOOP' });
    expect(readdirSync(dir).sort()).toEqual(['a', 'b']);
  });
});
