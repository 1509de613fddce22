/**
 * `npm pack` / `npm publish` hooks (prepack, postpack) of the `stagecraft` package.
 *
 * In this repository `prepare` builds dist/ so that `npm ci` leaves a working `stages`. A
 * published package must not carry it: npm counts `prepare` as an install script, and a
 * dependency with unapproved install scripts gets no `bin` links — `npx stages` would not exist.
 * So `strip` sets the manifest aside and writes it without `prepare` for the tarball; `restore`
 * puts the original back byte for byte. Both write atomically; a copy left behind by an
 * interrupted pack is restored first.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = join(root, 'package.json');
const original = join(root, '.package.json.dev');

function restore() {
  if (existsSync(original)) renameSync(original, manifest);
}

function strip() {
  restore();
  const text = readFileSync(manifest, 'utf8');
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  writeFileSync(original, text);
  const temp = `${manifest}.tmp`;
  writeFileSync(temp, `${JSON.stringify(pkg, null, 2)}\n`);
  renameSync(temp, manifest);
}

const action = process.argv[2];
if (action === 'strip') strip();
else if (action === 'restore') restore();
else throw new Error(`usage: pack-manifest.mjs strip|restore (got ${action})`);
