/**
 * vitest globalSetup: one single-node Trino server per test run (scripts/trino-server.sh:
 * memory connector as catalog `memory`, loopback port), serving every test worker; clients
 * are in ./trino.ts.
 *
 * Opt-in: the server starts only when STAGECRAFT_ENGINES names `trino`; every other run
 * starts nothing here and provides a null port. Asked for and unable to start → the run
 * fails here (whoever names Trino wants its verdict, not a skip).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { namedEngines } from './engine-names.js';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Loopback port of the Trino server, or null when Trino is not asked for. */
    stagecraftTrinoPort: number | null;
  }
}

const SCRIPT = join(process.cwd(), 'scripts', 'trino-server.sh');
/** Covers a first run's 821 MB download and unpacking as well as the JVM's start. */
const START_TIMEOUT_MS = 900_000;

export function trinoWanted(): boolean {
  return namedEngines().includes('trino');
}

/** Resolves once `/v1/info` reports `starting: false`; rejects when the server exits first. */
async function untilStarted(port: number, server: ChildProcess): Promise<void> {
  let exited: string | null = null;
  server.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited !== null) throw new Error(`the Trino server (scripts/trino-server.sh) ${exited} before it started`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/v1/info`);
      if (response.ok && ((await response.json()) as { starting?: boolean }).starting === false) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the Trino server on port ${port} did not start within ${START_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Ends the script's process group (launcher and JVM, by the group's id); SIGKILL after 20 s. */
async function stop(server: ChildProcess): Promise<void> {
  if (server.pid === undefined || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-(server.pid as number), name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!trinoWanted()) {
    project.provide('stagecraftTrinoPort', null);
    return async () => {};
  }
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'stagecraft-trino-'));
  const started = Date.now();
  // The script stops the server at end of file on its stdin: when this process dies, so does Trino.
  const server = spawn(SCRIPT, [String(port), state], {
    stdio: ['pipe', 'ignore', 'inherit'],
    detached: true,
    env: { ...process.env, TRINO_STOP_AT_STDIN_EOF: '1' },
  });
  try {
    await untilStarted(port, server);
  } catch (e) {
    await stop(server);
    rmSync(state, { recursive: true, force: true });
    throw e;
  }
  console.log(`Trino started on port ${port} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('stagecraftTrinoPort', port);
  return async () => {
    await stop(server);
    rmSync(state, { recursive: true, force: true });
  };
}
