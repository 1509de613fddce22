/**
 * `stages run`'s progress as a user sees it: a real `stages` process whose stdout and stderr
 * are a pseudo-terminal (util-linux `script`, 100 columns), against the same run with stderr a
 * pipe. On a terminal a line is kept per file read, with its rows and rows/s, and the cursor
 * the spinner hid is shown again; piped, or with `--quiet`, nothing but the summary (or
 * nothing at all) is written. The output file is the same either way.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFINITION = 'examples/default.stages';
const ACME = 'examples/acme';
const work = mkdtempSync(join(tmpdir(), 'stagecraft-progress-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';
const ROWS = { engagement: '8,016', lead: '13,541', contact: '8,138', opportunity: '6,177' };

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error('these tests need util-linux `script` (Debian: bsdutils) to give `stages` a terminal');
});

const shellQuote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * A user's terminal: the spinner library (ora) draws only when `CI` is unset and `TERM` is not
 * `dumb`, and the test suite runs under `CI=true`.
 */
const TERMINAL_ENV: NodeJS.ProcessEnv = Object.fromEntries(Object.entries({ ...process.env, TERM: 'xterm-256color' }).filter(([name]) => name !== 'CI'));

/** Runs `stages args` on a pseudo-terminal; returns what the terminal received and the exit code. */
function onTerminal(args: readonly string[]): { code: number | null; screen: string } {
  const command = `stty cols 100 rows 30; exec ${[process.execPath, 'bin/stages.js', ...args].map(shellQuote).join(' ')}`;
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: TERMINAL_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: result.status, screen: result.stdout };
}

function piped(args: readonly string[]): { code: number | null; err: string } {
  const result = spawnSync(process.execPath, ['bin/stages.js', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: result.status, err: result.stderr };
}

describe('stages run progress', () => {
  it('on a terminal: a line per file read with its rows and rate, then the summary, and the cursor shown again', () => {
    const out = join(work, 'terminal.csv');
    const { code, screen } = onTerminal(['run', DEFINITION, '--data', ACME, '--out', out]);
    expect(code).toBe(0);
    for (const [table, rows] of Object.entries(ROWS)) {
      expect(screen).toMatch(new RegExp(`✓ examples/acme/${table}\\.csv: ${rows} rows · [\\d,]+ rows/s\\r\\n`));
    }
    expect(screen).toContain('Default sales journey: 5,062 journeys, 1,553 opportunities (duckdb');
    expect(screen).toContain(`14,451 stamp rows written to ${out}`);
    // The spinner hides the cursor while it draws; the last thing it does is show it again.
    expect(screen).toContain(HIDE_CURSOR);
    expect(screen.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(screen.lastIndexOf(HIDE_CURSOR));
    expect(screen).not.toMatch(/\n\s+at |internal error/);
  });

  it('piped: the summary only, no progress and no terminal codes, and the same file', () => {
    const out = join(work, 'piped.csv');
    const { code, err } = piped(['run', DEFINITION, '--data', ACME, '--out', out]);
    expect(code).toBe(0);
    expect(err).toContain('Default sales journey: 5,062 journeys');
    expect(err).not.toContain('✓');
    expect(err).not.toContain('rows/s');
    expect(err).not.toContain('\u001b[');
    const terminalOut = join(work, 'terminal-again.csv');
    expect(onTerminal(['run', DEFINITION, '--data', ACME, '--out', terminalOut]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(terminalOut, 'utf8'));
  });

  it('with --quiet on a terminal: nothing at all', () => {
    const { code, screen } = onTerminal(['run', DEFINITION, '--data', ACME, '--out', join(work, 'quiet.csv'), '--quiet']);
    expect(code).toBe(0);
    expect(screen).toBe('');
  });

  it('without --out on a terminal: the stamps are not dumped on the screen, and one line says so, --quiet or not', () => {
    const loud = onTerminal(['run', DEFINITION, '--data', ACME]);
    expect(loud.code).toBe(0);
    expect(loud.screen).toContain('14,451 stamp rows computed, not written: add --out stamps.csv (or .json, .parquet), or pipe stdout');
    expect(loud.screen).not.toContain('object,record_id');
    const quiet = onTerminal(['run', DEFINITION, '--data', ACME, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.screen).toBe('stages: the stamps were computed, not written: add --out stamps.csv (or .json, .parquet), or pipe stdout\r\n');
  });
});
