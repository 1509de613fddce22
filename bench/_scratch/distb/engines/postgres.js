/**
 * The PostgreSQL engine: works in a fresh schema of its own (`stagecraft_<random>`, on the
 * search_path), loads a `Dataset` with multi-row parameterised INSERTs in one transaction,
 * creates the compiled postgres views there and reads `stage_stamps`. The schema is dropped
 * on close unless `keep` (then the tables and views stay for inspection).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { compileSql, getDialect, sqlViewName } from '../compiler/sql/index.js';
import { compareStampRows } from '../runtime/stamp.js';
import { createTableSql, isoFromTimestampText, rowValues, STAMP_COLUMNS, tableLayouts, toStampRow } from './sql-load.js';
/** PostgreSQL allows at most 65535 bind parameters per statement. */
const MAX_PARAMETERS = 60_000;
const TIMESTAMP_OID = 1114;
const DATE_OID = 1082;
export async function createPostgresEngine(options = {}) {
    const client = new pg.Client({
        ...(options.url === undefined ? {} : { connectionString: options.url }),
        // Timestamps without time zone hold UTC: read them as text, never as local-time Dates.
        types: {
            getTypeParser: ((oid, format) => oid === TIMESTAMP_OID || oid === DATE_OID ? (value) => value : pg.types.getTypeParser(oid, format)),
        },
    });
    await client.connect();
    const schemaName = `stagecraft_${randomBytes(6).toString('hex')}`;
    const quotedSchema = getDialect('postgres').quoteIdentifier(schemaName);
    try {
        await client.query(`SET TIME ZONE 'UTC'`);
        await client.query(`CREATE SCHEMA ${quotedSchema}`);
        await client.query(`SET search_path TO ${quotedSchema}`);
    }
    catch (e) {
        await client.end();
        throw e;
    }
    let closed = false;
    return {
        name: 'postgres',
        schemaName,
        stamps: (definition, data) => postgresStamps(client, quotedSchema, definition, data),
        async close() {
            if (closed)
                return;
            closed = true;
            try {
                if (!options.keep)
                    await client.query(`DROP SCHEMA IF EXISTS ${quotedSchema} CASCADE`);
            }
            finally {
                await client.end();
            }
        },
    };
}
async function postgresStamps(client, quotedSchema, definition, data) {
    const dialect = getDialect('postgres');
    await client.query('BEGIN');
    try {
        // Each call starts from an empty schema, so tables of an earlier call (maybe another schema file) never linger.
        await client.query(`DROP SCHEMA IF EXISTS ${quotedSchema} CASCADE`);
        await client.query(`CREATE SCHEMA ${quotedSchema}`);
        for (const layout of tableLayouts(definition.schema)) {
            await client.query(createTableSql(layout, dialect, { orReplace: false }));
            const rows = data[layout.object];
            const width = layout.columns.length;
            const batch = Math.max(1, Math.floor(MAX_PARAMETERS / width));
            const columns = layout.columns.map((c) => dialect.quoteIdentifier(c.name)).join(', ');
            for (let start = 0; start < rows.length; start += batch) {
                const chunk = rows.slice(start, start + batch);
                const params = [];
                const tuples = chunk.map((row) => {
                    const values = rowValues(layout, row);
                    const placeholders = values.map((v) => {
                        params.push(v);
                        return `$${params.length}`;
                    });
                    return `(${placeholders.join(', ')})`;
                });
                await client.query(`INSERT INTO ${dialect.quoteIdentifier(layout.table)} (${columns}) VALUES ${tuples.join(', ')}`, params);
            }
        }
        await client.query(compileSql(definition, { dialect: 'postgres', pretty: false }));
        await client.query('COMMIT');
    }
    catch (e) {
        await client.query('ROLLBACK');
        throw e;
    }
    const result = await client.query(`SELECT ${STAMP_COLUMNS.join(', ')} FROM ${sqlViewName('stage_stamps', { dialect: 'postgres' })}`);
    return result.rows
        .map((r) => toStampRow({
        object: r.object,
        record_id: r.record_id,
        stage: r.stage,
        label: r.label,
        stage_date: isoFromTimestampText(String(r.stage_date)),
        owner_id: r.owner_id,
        inferred: r.inferred,
    }))
        .sort(compareStampRows);
}
//# sourceMappingURL=postgres.js.map