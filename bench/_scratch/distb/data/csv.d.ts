/**
 * A small RFC 4180 CSV reader that knows where every cell starts.
 *
 * Off-the-shelf parsers lose positions (or report them in bytes), and every data error must
 * say `file:line:col`. Rules: fields separated by `,`, records by LF or CRLF (a lone CR too);
 * a field may be wrapped in double quotes, inside which `""` is a quote and commas and line
 * breaks are literal. A quote inside an unquoted field, or text after a closing quote, is a
 * syntax error (not silently repaired). Columns count characters (code points), 1-based;
 * a UTF-8 byte-order mark at the start is skipped and does not count.
 */
export interface CsvCell {
    readonly text: string;
    /** Where the cell starts (its opening quote when quoted). */
    readonly line: number;
    readonly column: number;
    readonly quoted: boolean;
}
export interface CsvRecord {
    readonly kind: 'record';
    /** Line of the record's first character. */
    readonly line: number;
    readonly cells: readonly CsvCell[];
}
export interface CsvSyntaxError {
    readonly kind: 'error';
    readonly line: number;
    readonly column: number;
    readonly message: string;
}
/**
 * Yields the records of `text` in order. A record with a syntax error yields the error
 * instead, and reading resumes at the next line. Empty lines yield nothing (a trailing
 * newline at the end of the file is normal; blank lines in between are tolerated).
 */
export declare function readCsv(text: string): Generator<CsvRecord | CsvSyntaxError>;
/** Quotes a CSV field when it needs it (comma, quote, CR or LF), doubling inner quotes. */
export declare function csvField(text: string): string;
