export const ENGINE_NAMES = ['duckdb', 'ts', 'postgres'];
export function isEngineName(name) {
    return ENGINE_NAMES.includes(name);
}
export async function openEngine(name, options = {}) {
    switch (name) {
        case 'duckdb': {
            const { createDuckDbEngine } = await import('./duckdb.js');
            return createDuckDbEngine(options.dbFile === undefined ? {} : { dbFile: options.dbFile });
        }
        case 'postgres': {
            const { createPostgresEngine } = await import('./postgres.js');
            const pg = {};
            if (options.url !== undefined)
                pg.url = options.url;
            if (options.keep !== undefined)
                pg.keep = options.keep;
            return createPostgresEngine(pg);
        }
        case 'ts': {
            const { createTsEngine } = await import('./ts.js');
            return createTsEngine();
        }
    }
}
//# sourceMappingURL=index.js.map