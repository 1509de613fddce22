import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    // Generated evaluator modules import '@stagecraft/runtime'; in tests that is the source.
    alias: { '@stagecraft/runtime': fileURLToPath(new URL('./src/runtime/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // One throwaway PostgreSQL cluster and one Spark JVM per run (each skipped loudly when it cannot run, outside CI);
    // a Trino server only when STAGECRAFT_ENGINES names `trino`.
    globalSetup: ['test/support/pg-global-setup.ts', 'test/support/spark-global-setup.ts', 'test/support/trino-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on two cores a single worker, which
    // left one core idle while a file waited on the Spark JVM, dbt or PostgreSQL. Two workers
    // there took the default run from 692 s to 441–447 s; a third gained nothing (both cores
    // are then busy). Larger machines keep the default.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
