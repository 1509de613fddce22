/**
 * How a real `stages` process ends when its world goes away: a reader that closed the pipe
 * before a byte was written (every command ends as it would have, no EPIPE, no stack trace), and
 * SIGINT / SIGTERM in the middle of `run --out` and `compile --out` (exit 130 / 143, and the
 * output folder holds the whole file or nothing — never a part, never a temporary file).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFINITION = 'examples/default.stages';
const ACME = 'examples/acme';
const work = mkdtempSync(join(tmpdir(), 'stagecraft-process-ends-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

/** Runs `stages args` with stdout a pipe whose reading end is closed before the process starts writing. */
function withClosedStdout(args: readonly string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/stages.js', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('close', (code) => resolve({ code, err }));
  });
}

describe('a reader that went away', () => {
  const commands: [string, readonly string[], number][] = [
    ['check', ['check', DEFINITION], 0],
    ['check --format json', ['check', DEFINITION, '--format', 'json'], 0],
    ['compile --target sql', ['compile', DEFINITION, '--target', 'sql', '--dialect', 'postgres'], 0],
    ['compile --target ts', ['compile', DEFINITION, '--target', 'ts'], 0],
    ['run (DuckDB)', ['run', DEFINITION, '--data', ACME, '--quiet'], 0],
    ['run --engine ts', ['run', DEFINITION, '--data', ACME, '--engine', 'ts', '--quiet'], 0],
    ['diff', ['diff', DEFINITION, 'examples/enterprise.stages', '--data', ACME, '--format', 'json'], 1],
    ['explain', ['explain', DEFINITION, '--data', ACME, 'a0E000000000001', '--format', 'json'], 0],
    ['fmt --check', ['fmt', DEFINITION, '--check'], 0],
    ['--help', ['--help'], 0],
  ];
  for (const [name, args, code] of commands) {
    it(`ends ${name} as it would have, quietly`, async () => {
      const result = await withClosedStdout(args);
      expect(result.err).not.toMatch(/EPIPE|internal error|\n\s+at /);
      expect(result.code).toBe(code);
    });
  }
});

/**
 * Starts `stages args`, sends `signal` after `delayMs`, resolves to the exit code as a shell
 * reports it (a signal that lands before the CLI installed its handlers, during Node's start-up,
 * ends the process by the signal itself: 128 + its number too).
 */
function interrupted(args: readonly string[], signal: 'SIGINT' | 'SIGTERM', delayMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/stages.js', ...args], { cwd: ROOT, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill(signal), delayMs);
    child.on('close', (code, killedBy) => {
      clearTimeout(timer);
      resolve(code ?? (killedBy === 'SIGINT' ? 130 : killedBy === 'SIGTERM' ? 143 : null));
    });
  });
}

describe('a signal during a write', () => {
  let expectedStamps = '';
  let expectedModule = '';

  beforeAll(() => {
    const dir = join(work, 'reference');
    mkdirSync(dir);
    const run = spawnSync(process.execPath, ['bin/stages.js', 'run', DEFINITION, '--data', ACME, '--out', join(dir, 'stamps.csv'), '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expectedStamps = readFileSync(join(dir, 'stamps.csv'), 'utf8');
    const compile = spawnSync(process.execPath, ['bin/stages.js', 'compile', DEFINITION, '--target', 'ts', '--out', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(compile.status, compile.stderr).toBe(0);
    expectedModule = readFileSync(join(dir, 'default.stages.ts'), 'utf8');
  });

  // Delays spread over the command's life (start-up, loading, stamping, writing): whichever
  // moment the signal lands in, the folder holds the whole output or nothing.
  const DELAYS_MS = [150, 500, 900, 1300];

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} during run --out leaves the whole file or nothing`, async () => {
      for (const delay of DELAYS_MS) {
        const dir = mkdtempSync(join(work, 'run-'));
        const code = await interrupted(['run', DEFINITION, '--data', ACME, '--out', join(dir, 'stamps.csv'), '--quiet'], signal, delay);
        const left = readdirSync(dir);
        if (code === 0) expect(left).toEqual(['stamps.csv']);
        else {
          expect(code, `after ${delay} ms`).toBe(signal === 'SIGINT' ? 130 : 143);
          expect(left.filter((name) => name !== 'stamps.csv'), `after ${delay} ms`).toEqual([]);
        }
        if (left.includes('stamps.csv')) expect(readFileSync(join(dir, 'stamps.csv'), 'utf8') === expectedStamps, `after ${delay} ms`).toBe(true);
      }
    });

    it(`${signal} during compile --out leaves the whole module or nothing`, async () => {
      for (const delay of DELAYS_MS.slice(0, 3)) {
        const dir = mkdtempSync(join(work, 'compile-'));
        const out = join(dir, 'generated');
        const code = await interrupted(['compile', DEFINITION, '--target', 'ts', '--out', out], signal, delay);
        const left = existsSync(out) ? readdirSync(out) : [];
        if (code !== 0) expect(code, `after ${delay} ms`).toBe(signal === 'SIGINT' ? 130 : 143);
        expect(left.filter((name) => name !== 'default.stages.ts'), `after ${delay} ms`).toEqual([]);
        if (left.length > 0) expect(readFileSync(join(out, 'default.stages.ts'), 'utf8')).toBe(expectedModule);
      }
    });
  }
});
