export declare const redshift: import("../dialect.js").Dialect;
