/** The dialect registry: one module per warehouse, each overriding only what differs from the base. */
import type { Dialect, DialectName } from '../dialect.js';
export declare const DIALECTS: Readonly<Record<DialectName, Dialect>>;
