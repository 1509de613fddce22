/**
 * The PostgreSQL server of this test run (started once by ./pg-global-setup.ts).
 *
 * `getPgUrl()` returns its URL, or null — after a loud message — when no PostgreSQL is
 * available outside CI; callers then leave PostgreSQL out. Under `CI=true` a missing server
 * is an error, so a green CI always means PostgreSQL ran.
 */
import { inject } from 'vitest';
// The `ProvidedContext` keys are declared in ./pg-global-setup.ts (part of the same program).

let warned = false;

export function getPgUrl(): string | null {
  const external = process.env.STAGECRAFT_PG_URL;
  if (external) return external;
  const url = inject('stagecraftPgUrl') ?? null;
  if (url !== null) return url;
  const reason = inject('stagecraftPgMissing') ?? 'the PostgreSQL globalSetup (test/support/pg-global-setup.ts) did not run';
  if (process.env.CI === 'true') throw new Error(`CI=true but PostgreSQL is unavailable: ${reason}`);
  if (!warned) {
    warned = true;
    console.warn(`\n*** PostgreSQL tests SKIPPED: ${reason}. ***\n`);
  }
  return null;
}

/**
 * For tests too slow for the default run (loading tens of thousands of rows into PostgreSQL):
 * the URL under STAGECRAFT_DEEP=1 when a server is available, else null.
 */
export function deepPgUrl(): string | null {
  if (process.env.STAGECRAFT_DEEP !== '1') return null;
  return getPgUrl();
}
