/**
 * Safe TypeScript source for values taken from a `.stages` file or a schema. Every string
 * that reaches generated code goes through `tsString`, so no label, literal or field name can
 * close a string, start a template, end a comment or break a line.
 */
import { valueFamily, type FieldType } from '../../schema/types.js';

/** Characters written as themselves inside generated string literals; everything else is escaped. */
const PLAIN = /[A-Za-z0-9 _.,:;!?@#%&=+\-()[\]<>|~^]/;

/**
 * A double-quoted TypeScript string literal with the exact value `s`. Only letters, digits and
 * harmless punctuation appear as themselves; every other UTF-16 unit (quotes, backslash, `$`,
 * backtick, `/`, `*`, braces, line breaks including U+2028/U+2029, non-ASCII) is written as a
 * `\uXXXX` escape. So the literal can neither end early nor look like a comment or template to
 * any tool that scans the module text, ts-morph's own writer included.
 */
export function tsString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    out += PLAIN.test(c) ? c : `\\u${s.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return out + '"';
}


/** The TypeScript type of a field's normalised value (without null). */
export function tsFieldType(type: FieldType): 'string' | 'number' | 'boolean' {
  const family = valueFamily(type);
  // Text, ids, picklists, multi-select (`;`-joined), dates and instants (ISO) are strings.
  return family === 'boolean' || family === 'number' ? family : 'string';
}

/** A finite number as a TypeScript numeric expression (the IR never holds NaN or infinities). */
export function tsNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`internal: non-finite number literal ${n}`);
  if (Object.is(n, -0)) return '0';
  const text = String(n);
  return n < 0 ? `(${text})` : text;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name for an interface member: bare when an identifier, else a quoted string. */
export function tsPropertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : tsString(name);
}

/** `r.Name`, or `r["odd name"]` when the field name is not an identifier. */
export function tsAccess(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${tsString(name)}]`;
}

/** An object literal of string values, `{ "key": "value", … }`, every key and value through `tsString`. */
export function tsStringRecord(record: Readonly<Record<string, string>>): string {
  return `{ ${Object.entries(record).map(([key, value]) => `${tsString(key)}: ${tsString(value)}`).join(', ')} }`;
}
