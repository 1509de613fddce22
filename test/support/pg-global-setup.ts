/**
 * vitest globalSetup: one throwaway PostgreSQL cluster per test run, its URL provided to the
 * test workers (read it with `getPgUrl()` from ./pg.ts).
 *
 * `STAGECRAFT_PG_URL` set → that server is used and nothing is started. No PostgreSQL binaries
 * → the URL is null and the tests that need PostgreSQL are skipped loudly, except under
 * `CI=true`, where the run fails here.
 */
import type { TestProject } from 'vitest/node';
import { findPgBin, startPgCluster, type PgCluster } from './pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the test PostgreSQL server, or null when none is available. */
    stagecraftPgUrl: string | null;
    /** Why there is no server (shown by getPgUrl()). */
    stagecraftPgMissing: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const external = process.env.STAGECRAFT_PG_URL;
  if (external) {
    project.provide('stagecraftPgUrl', external);
    project.provide('stagecraftPgMissing', null);
    return () => {};
  }
  const bin = findPgBin();
  if (bin === null) {
    const reason = 'no PostgreSQL binaries found (looked in /usr/lib/postgresql/*/bin; set STAGECRAFT_PG_BIN or STAGECRAFT_PG_URL)';
    if (process.env.CI === 'true') throw new Error(`CI=true but ${reason}`);
    project.provide('stagecraftPgUrl', null);
    project.provide('stagecraftPgMissing', reason);
    return () => {};
  }
  const cluster: PgCluster = await startPgCluster(bin);
  project.provide('stagecraftPgUrl', cluster.url);
  project.provide('stagecraftPgMissing', null);
  return () => cluster.stop();
}
