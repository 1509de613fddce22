export declare const duckdb: import("../dialect.js").Dialect;
