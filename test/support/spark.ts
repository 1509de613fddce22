/**
 * The Spark engine of the tests: a client of the one Spark bridge of this test run
 * (./spark-bridge.py, started by ./spark-global-setup.ts). Each engine session works in a
 * database of its own; every `stamps` call recreates it, loads the four tables with the
 * databricks dialect's column types, runs the compiled databricks script and reads
 * `stage_stamps`. Two settings of `spark.sql.ansi.enabled` run as two engines: on (the Spark 4
 * default) and off (what dbt-spark sets).
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { inject } from 'vitest';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { compileSql, getDialect } from '../../src/compiler/sql/index.js';
import type { Dataset, Row, Value } from '../../src/data/dataset.js';
import { createTableSql, rowValues, selectStampsAsText, stampsFromTextRows, tableLayouts } from '../../src/engines/sql-load.js';
import type { StampRow } from '../../src/runtime/stamp.js';
import { OBJECT_NAMES, type Schema } from '../../src/schema/types.js';
// The `ProvidedContext` keys are declared in ./spark-global-setup.ts (part of the same program).

let warned = false;

/**
 * `schema` with every table name that Spark cannot hold (see the databricks dialect's
 * `relationNameProblem`) spelt with `_` for each other character: what a Databricks user
 * names such tables. Field and column names are kept (Spark takes any quoted column name).
 */
export function sparkSafeSchema(schema: Schema): Schema {
  const objects = Object.fromEntries(
    OBJECT_NAMES.map((object) => [object, { ...schema.objects[object], table: schema.objects[object].table.replace(/\W/g, '_') }]),
  ) as unknown as Schema['objects'];
  return { ...schema, objects };
}

/** The bridge's port, or null — after a loud message — when Spark cannot run here (outside CI). */
export function getSparkPort(): number | null {
  const port = inject('stagecraftSparkPort') ?? null;
  if (port !== null) return port;
  const reason = inject('stagecraftSparkMissing') ?? 'the Spark globalSetup (test/support/spark-global-setup.ts) did not run';
  if (reason.startsWith('not asked for')) return null;
  if (process.env.CI === 'true') throw new Error(`CI=true but Spark is unavailable: ${reason}`);
  if (!warned) {
    warned = true;
    console.warn(`\n*** Spark tests SKIPPED: ${reason}. ***\n`);
  }
  return null;
}

export interface SparkTable {
  /** `CREATE TABLE …` in the databricks dialect. */
  readonly create: string;
  /** The table's quoted name. */
  readonly table: string;
  readonly families: readonly string[];
  readonly rows: readonly (readonly Value[])[];
}

export interface SparkRequest {
  readonly database: string;
  readonly fresh: boolean;
  readonly ansi: boolean;
  readonly tables: readonly SparkTable[];
  readonly script: string;
  readonly query?: string;
}

export interface SparkResponse {
  readonly rows: unknown[][];
  readonly columns: string[];
}

/** One connection to the bridge; requests are answered in order. */
export class SparkClient {
  private buffer = '';
  private readonly waiting: { resolve: (response: SparkResponse) => void; reject: (e: Error) => void }[] = [];

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline: number;
      while ((newline = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        const response = JSON.parse(line) as { rows?: unknown[][]; columns?: string[]; error?: string };
        const next = this.waiting.shift();
        if (next === undefined) continue;
        if (response.error !== undefined) next.reject(new Error(`Spark: ${response.error}`));
        else next.resolve({ rows: response.rows ?? [], columns: response.columns ?? [] });
      }
    });
    socket.on('close', () => {
      for (const w of this.waiting.splice(0)) w.reject(new Error('the Spark bridge closed the connection'));
    });
  }

  /** Connects, retrying while the bridge's JVM is still starting (up to three minutes). */
  static async open(port: number): Promise<SparkClient> {
    const deadline = Date.now() + 180_000;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        return new SparkClient(socket);
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`the Spark bridge on port ${port} did not start: ${String(e)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** The rows of the request's query (none without one). */
  async request(request: SparkRequest): Promise<unknown[][]> {
    return (await this.respond(request)).rows;
  }

  /** The rows and column names of the request's query. */
  respond(request: SparkRequest): Promise<SparkResponse> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.socket.write(`${JSON.stringify(request)}\n`);
    });
  }

  close(): void {
    this.socket.end();
  }
}

/** A fresh database name for one session. */
export function sparkDatabaseName(): string {
  return `stagecraft_${randomBytes(6).toString('hex')}`;
}

/** A stored value as the bridge loads it: instants and dates as Spark-castable text. */
function bridgeValue(family: string, value: Value): Value {
  if (value === null) return null;
  if (family === 'datetime') return String(value).replace('T', ' ').replace('Z', '');
  return value;
}

/** The four tables of `data`, in the databricks dialect's column types. */
export function sparkTables(definition: CheckedDefinition, data: Dataset | { readonly [object: string]: readonly Row[] }): SparkTable[] {
  const d = getDialect('databricks');
  return tableLayouts(definition.schema).map((layout) => ({
    create: createTableSql(layout, d, { orReplace: false }),
    table: d.quoteIdentifier(layout.table),
    families: layout.columns.map((c) => c.family),
    rows: (data[layout.object] ?? []).map((row) => rowValues(layout, row).map((v, i) => bridgeValue(layout.columns[i].family, v))),
  }));
}

export type SparkEngineName = 'spark' | 'spark-ansi-off';

export interface SparkEngine {
  readonly name: SparkEngineName;
  stamps(definition: CheckedDefinition, data: Dataset): Promise<StampRow[]>;
  close(): Promise<void>;
}

export async function createSparkEngine(port: number, options: { ansi: boolean }): Promise<SparkEngine> {
  const client = await SparkClient.open(port);
  const database = sparkDatabaseName();
  return {
    name: options.ansi ? 'spark' : 'spark-ansi-off',
    async stamps(checked, data) {
      // Tables are keyed by object, so renaming them changes nothing the views compute.
      const definition: CheckedDefinition = { ...checked, schema: sparkSafeSchema(checked.schema) };
      const rows = await client.request({
        database,
        fresh: true,
        ansi: options.ansi,
        tables: sparkTables(definition, data),
        script: compileSql(definition, { dialect: 'databricks', pretty: false }),
        query: selectStampsAsText('STRING'),
      });
      return stampsFromTextRows(rows);
    },
    async close() {
      client.close();
    },
  };
}
