export declare const trino: import("../dialect.js").Dialect;
