/** Raw SQL sessions on the runnable dialects, for tests that probe SQL below the engines. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import pg from 'pg';
import type { DialectName } from '../../src/compiler/sql/index.js';
import { getPgUrl } from '../support/pg.js';
import { getSparkPort, SparkClient, sparkDatabaseName, type SparkResponse } from '../support/spark.js';

/** A raw SQL session: run statements, read the first column of every row, or column names. */
export interface Session {
  readonly dialect: DialectName;
  exec(sql: string): Promise<void>;
  column(sql: string): Promise<unknown[]>;
  rows(sql: string): Promise<unknown[][]>;
  columnNames(sql: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function duckDbSession(): Promise<Session> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection: DuckDBConnection = await instance.connect();
  return {
    dialect: 'duckdb',
    exec: async (sql) => void (await connection.run(sql)),
    column: async (sql) => (await connection.runAndReadAll(sql)).getRows().map((r) => r[0]),
    rows: async (sql) => (await connection.runAndReadAll(sql)).getRows().map((r) => [...r]),
    columnNames: async (sql) => (await connection.runAndReadAll(sql)).columnNames(),
    close: async () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export async function postgresSession(url: string): Promise<Session> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = `probe_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  return {
    dialect: 'postgres',
    exec: async (sql) => void (await client.query(sql)),
    column: async (sql) => (await client.query({ text: sql, rowMode: 'array' })).rows.map((r: unknown[]) => r[0]),
    rows: async (sql) => (await client.query({ text: sql, rowMode: 'array' })).rows as unknown[][],
    columnNames: async (sql) => (await client.query(sql)).fields.map((f) => f.name),
    close: async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}


/**
 * A raw session on the test run's Spark bridge (test/support/spark.ts), in a database of its
 * own, `spark.sql.ansi.enabled` as `ansi` says (on by default, as Spark 4 ships).
 */
export async function sparkSession(port: number, { ansi = true }: { ansi?: boolean } = {}): Promise<Session> {
  const client = await SparkClient.open(port);
  const database = sparkDatabaseName();
  let fresh = true;
  const request = async (script: string, query?: string): Promise<SparkResponse> => {
    const response = await client.respond({ database, fresh, ansi, tables: [], script, ...(query !== undefined ? { query } : {}) });
    fresh = false;
    return response;
  };
  return {
    dialect: 'databricks',
    exec: async (sql) => void (await request(sql)),
    column: async (sql) => (await request('', sql)).rows.map((r) => r[0]),
    rows: async (sql) => (await request('', sql)).rows,
    columnNames: async (sql) => (await request('', sql)).columns,
    close: async () => {
      await request(`DROP DATABASE IF EXISTS ${database} CASCADE`).catch(() => undefined);
      client.close();
    },
  };
}

/** The dialects whose SQL runs on this machine. */
export type RunnableDialect = 'duckdb' | 'postgres' | 'databricks';

/** A raw session on Spark as an engine of the tests: the databricks dialect, ANSI mode on or off. */
export interface SparkSessionEntry {
  readonly name: 'databricks';
  readonly engine: 'spark' | 'spark-ansi-off';
  readonly open: () => Promise<Session>;
}

/**
 * Raw sessions on Spark when the test run has one (see `sparkSession`): ANSI mode on, and with
 * `ansiOff` also off (what dbt-spark sets).
 */
export function sparkSessions({ ansiOff = false }: { ansiOff?: boolean } = {}): SparkSessionEntry[] {
  const port = getSparkPort();
  if (port === null) return [];
  const on: SparkSessionEntry = { name: 'databricks', engine: 'spark', open: () => sparkSession(port) };
  const off: SparkSessionEntry = { name: 'databricks', engine: 'spark-ansi-off', open: () => sparkSession(port, { ansi: false }) };
  return ansiOff ? [on, off] : [on];
}

/**
 * Raw sessions on every runnable engine but Spark: DuckDB always, PostgreSQL when the test
 * cluster is up. Each engine is named as its dialect.
 */
export function runnableSessions(): { name: Exclude<RunnableDialect, 'databricks'>; engine: string; open: () => Promise<Session> }[] {
  const pgUrl = getPgUrl();
  return [
    { name: 'duckdb', engine: 'duckdb', open: duckDbSession },
    ...(pgUrl === null ? [] : [{ name: 'postgres' as const, engine: 'postgres', open: () => postgresSession(pgUrl) }]),
  ];
}
