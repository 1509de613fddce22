/**
 * Database sessions for the SQL measurements: embedded DuckDB, and PostgreSQL — the server
 * named by `STAGECRAFT_PG_URL` or the PG* environment variables when set, otherwise a throwaway
 * cluster started here (initdb into a temp folder, loopback, a free port), as the test suite's
 * global setup does. When neither works, PostgreSQL figures are null and the table says why.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One database connection as the SQL measurements use it.
 * @typedef {object} Session
 * @property {string} name
 * @property {(sql: string) => Promise<void>} exec
 * @property {(sql: string) => Promise<any[]>} query
 * @property {() => Promise<void>} close
 */

/** @returns {Promise<Session>} */
export async function openDuckDb() {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    name: 'duckdb',
    exec: async (sql) => {
      await connection.run(sql);
    },
    query: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS(),
    close: async () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

/** Runs a PostgreSQL binary as the `postgres` user when we are root (initdb refuses root). */
function runPg(bin, args) {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return spawnSync(cmd, argv, { encoding: 'utf8' });
}

/** Starts a throwaway cluster; returns { url, stop } or { error }. */
export async function startThrowawayPostgres() {
  const bin = postgresBinDir();
  if (!bin) return { error: 'no PostgreSQL binaries under /usr/lib/postgresql' };
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-bench-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot) spawnSync('chown', ['postgres', dir]);
  const init = runPg(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  if (init.status !== 0) return { error: `initdb failed: ${(init.stderr || init.stdout || '').trim().split('\n').pop()}` };
  const port = await freePort();
  const start = runPg(join(bin, 'pg_ctl'), ['-D', data, '-w', '-t', '60', '-l', join(dir, 'log'), '-o', `-k ${dir} -h 127.0.0.1 -p ${port} -c fsync=off`, 'start']);
  if (start.status !== 0) return { error: `pg_ctl start failed: ${(start.stderr || start.stdout || '').trim().split('\n').pop()}` };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    throwaway: true,
    stop: () => {
      runPg(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The server to use: explicit URL, PG* environment, or a throwaway cluster. */
export async function findPostgres() {
  if (process.env.STAGECRAFT_PG_URL) return { url: process.env.STAGECRAFT_PG_URL, stop: () => {}, how: 'STAGECRAFT_PG_URL' };
  if (process.env.PGHOST || process.env.PGDATABASE || process.env.PGUSER) return { url: undefined, stop: () => {}, how: 'PG* environment' };
  const started = await startThrowawayPostgres();
  if (started.error) return { error: started.error };
  return { ...started, how: 'throwaway cluster' };
}

/**
 * @param {{ url?: string }} server
 * @returns {Promise<Session>}
 */
export async function openPostgres(server) {
  const { default: pg } = await import('pg');
  const client = new pg.Client(server.url ? { connectionString: server.url } : {});
  await client.connect();
  // A schema of our own, dropped afterwards, so a shared server is left as it was.
  const schemaName = `stagecraft_bench_${process.pid}`;
  await client.query(`DROP SCHEMA IF EXISTS ${schemaName} CASCADE; CREATE SCHEMA ${schemaName}; SET search_path TO ${schemaName}`);
  return {
    name: 'postgres',
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async (sql) => (await client.query(sql)).rows,
    close: async () => {
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schemaName} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
