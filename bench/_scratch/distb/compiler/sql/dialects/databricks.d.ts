export declare const databricks: import("../dialect.js").Dialect;
