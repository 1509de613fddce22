/**
 * Decoding of string literals: `'…'` or `"…"` with the escapes \\ \' \" \n \t \r \uXXXX.
 * Any other backslash sequence is an error (SC104): silently keeping the backslash would make
 * `'C:\temp'` mean something the author probably did not intend.
 */
import type { SyntaxProblem } from './problems.js';
export interface DecodedString {
    readonly value: string;
    readonly problems: readonly SyntaxProblem[];
}
/** `image` includes both quotes; `offset` is where the image starts in the file. */
export declare function decodeString(image: string, offset: number): DecodedString;
