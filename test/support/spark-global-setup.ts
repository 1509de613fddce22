/**
 * vitest globalSetup: one Spark JVM per test run (test/support/spark-bridge.py, local mode,
 * session time zone UTC), serving every test worker over a loopback port. The bridge is
 * spawned without waiting for it: Spark starts while the first test files run, and clients
 * (./spark.ts) retry connecting until it listens.
 *
 * The bridge starts on every run except one whose STAGECRAFT_ENGINES names engines but no
 * Spark engine. No `.venv` Python with pyspark or no `java` → the port is null and the Spark
 * tests are skipped loudly, except under `CI=true`, where the run fails here.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { namedEngines } from './engine-names.js';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Loopback port of the Spark bridge, or null when Spark cannot run here. */
    stagecraftSparkPort: number | null;
    /** Why there is no Spark (shown by getSparkPort()). */
    stagecraftSparkMissing: string | null;
  }
}

const PYTHON = join(process.cwd(), '.venv', 'bin', 'python');
const BRIDGE = join(process.cwd(), 'test', 'support', 'spark-bridge.py');

function missingReason(): string | null {
  if (!existsSync(PYTHON)) return `no ${PYTHON} (run scripts/python-env.sh)`;
  if (spawnSync(PYTHON, ['-c', 'import pyspark'], { stdio: 'ignore' }).status !== 0) return 'pyspark is not installed in .venv (run scripts/python-env.sh)';
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).status !== 0) return 'no java on PATH (Spark needs Java 17 or newer)';
  return null;
}

/** Spark runs unless STAGECRAFT_ENGINES picks engines and none of them is a Spark engine. */
function sparkWanted(): boolean {
  const named = namedEngines();
  return named.length === 0 || named.some((e) => e.startsWith('spark'));
}

export default async function setup(project: TestProject): Promise<() => void | Promise<void>> {
  if (!sparkWanted()) {
    project.provide('stagecraftSparkPort', null);
    project.provide('stagecraftSparkMissing', 'not asked for (STAGECRAFT_ENGINES names no Spark engine)');
    return () => {};
  }
  const reason = missingReason();
  if (reason !== null) {
    if (process.env.CI === 'true') throw new Error(`CI=true but Spark cannot run: ${reason}`);
    project.provide('stagecraftSparkPort', null);
    project.provide('stagecraftSparkMissing', reason);
    return () => {};
  }
  const port = await freePort();
  // stdin is a pipe the bridge watches: it exits when this process closes it or dies.
  const bridge = spawn(PYTHON, [BRIDGE, String(port)], { stdio: ['pipe', 'ignore', 'inherit'] });
  project.provide('stagecraftSparkPort', port);
  project.provide('stagecraftSparkMissing', null);
  // Closing stdin lets the bridge remove its warehouse directory and exit; SIGTERM if it lingers.
  return async () => {
    if (bridge.exitCode !== null || bridge.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => bridge.once('exit', () => resolve()));
    bridge.stdin?.end();
    const timer = setTimeout(() => bridge.kill(), 10_000);
    await exited;
    clearTimeout(timer);
  };
}
