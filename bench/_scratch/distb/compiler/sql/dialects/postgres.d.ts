export declare const postgres: import("../dialect.js").Dialect;
