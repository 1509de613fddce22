export declare const snowflake: import("../dialect.js").Dialect;
