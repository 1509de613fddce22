/**
 * Safe TypeScript source for values taken from a `.stages` file or a schema. Every string
 * that reaches generated code goes through `tsString`, so no label, literal or field name can
 * close a string, start a template, end a comment or break a line.
 */
import type { FieldType } from '../../schema/types.js';
/**
 * A double-quoted TypeScript string literal with the exact value `s`. Only letters, digits and
 * harmless punctuation appear as themselves; every other UTF-16 unit (quotes, backslash, `$`,
 * backtick, `/`, `*`, braces, line breaks including U+2028/U+2029, non-ASCII) is written as a
 * `\uXXXX` escape. So the literal can neither end early nor look like a comment or template to
 * any tool that scans the module text, ts-morph's own writer included.
 */
export declare function tsString(s: string): string;
/** The TypeScript type of a field's normalised value (without null). */
export declare function tsFieldType(type: FieldType): 'string' | 'number' | 'boolean';
/** A finite number as a TypeScript numeric expression (the IR never holds NaN or infinities). */
export declare function tsNumber(n: number): string;
/** A property name for an interface member: bare when an identifier, else a quoted string. */
export declare function tsPropertyName(name: string): string;
/** `r.Name`, or `r["odd name"]` when the field name is not an identifier. */
export declare function tsAccess(object: string, name: string): string;
/** An object literal of string values, `{ "key": "value", … }`, every key and value through `tsString`. */
export declare function tsStringRecord(record: Readonly<Record<string, string>>): string;
