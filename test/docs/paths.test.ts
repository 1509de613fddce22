/**
 * Every repository path the documentation names — in docs/*.md, README.md and comments under
 * src/ — exists, so a file that moves or goes takes its mentions with it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src', 'test', 'docs', 'bench', 'schema', 'examples'];
/** A root folder at the start of a path, not inside a longer one (`stagecraft/runtime`, a URL). */
const PATH = new RegExp(`(?<![\\w./@-])(?:${ROOTS.join('|')})/[\\w./-]*(?:[<>*{}…][^\\s\`'")]*)?`, 'g');
/** Templates and globs (`bench/results/<mode>.txt`, `test/**`) name no single file. */
const TEMPLATE = /[<>*{}…]/;
/**
 * Paths in an application's own tree, not this repository's: docs/runtime.md's example
 * compiles a definition into the embedding application's `src/generated`.
 */
const APPLICATION_PATHS = ['src/generated'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Paths named in `text`, without a trailing full stop or slash (an anchor `#…` never matches). */
function pathsIn(text: string): string[] {
  return [...text.matchAll(PATH)]
    .map((m) => m[0])
    .filter((p) => !TEMPLATE.test(p))
    .map((p) => p.replace(/[./]+$/, ''))
    .filter((p) => !APPLICATION_PATHS.some((a) => p === a || p.startsWith(`${a}/`)));
}

/** Comment text of a source file: `//` lines and the inside of block comments. */
function commentsOf(source: string): string {
  return [...source.matchAll(/\/\*[\s\S]*?\*\/|\/\/.*$/gm)].map((m) => m[0]).join('\n');
}

const named: [where: string, path: string][] = [
  ...['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => join('docs', f))].flatMap((file) =>
    pathsIn(readFileSync(file, 'utf8')).map((p): [string, string] => [file, p]),
  ),
  ...filesUnder('src')
    .filter((f) => /\.(ts|mjs|js)$/.test(f))
    .flatMap((file) => pathsIn(commentsOf(readFileSync(file, 'utf8'))).map((p): [string, string] => [file, p])),
];

describe('repository paths in docs and comments', () => {
  it('are found at all', () => {
    expect(named.length).toBeGreaterThan(20);
  });

  it('all exist', () => {
    const missing = named.filter(([, path]) => !existsSync(path)).map(([where, path]) => `${where}: ${path}`);
    expect([...new Set(missing)]).toEqual([]);
  });
});
