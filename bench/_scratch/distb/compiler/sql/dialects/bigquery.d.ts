export declare const bigquery: import("../dialect.js").Dialect;
