/**
 * Bad input data (SPEC §3): every problem names its file and where in it — `line:column` for
 * text formats (1-based, columns in characters), the row and column name for Parquet — so a
 * user can jump straight to it. A load collects up to `MAX_PROBLEMS` problems before giving up,
 * because fixing a file one error per run is miserable.
 */
/** How many problems one load reports at most (the rest are counted, not listed). */
export declare const MAX_PROBLEMS = 20;
export interface DataProblem {
    readonly file: string;
    /** 1-based line (CSV, JSON Lines); absent for whole-file problems and Parquet. */
    readonly line?: number;
    /** 1-based column in characters (CSV, JSON Lines). */
    readonly column?: number;
    /** 1-based data row (Parquet, whose rows have no lines). */
    readonly row?: number;
    /** The field or column the problem is about, when there is one. */
    readonly field?: string;
    readonly message: string;
}
/** `file:line:col: message`, `file: row N, column 'X': message` or `file: message`. */
export declare function formatProblem(p: DataProblem): string;
/**
 * Thrown by the loader. `file`, `line` and `column` are those of the first problem (the
 * agreed interface); `problems` lists up to `MAX_PROBLEMS`, and `omitted` counts the rest.
 */
export declare class DataError extends Error {
    readonly problems: readonly DataProblem[];
    readonly omitted: number;
    readonly file: string;
    readonly line: number | undefined;
    readonly column: number | undefined;
    constructor(problems: readonly DataProblem[], omitted?: number);
}
/** Collects problems across all files of one load, keeping the first `MAX_PROBLEMS` (the rest are counted). */
export declare class ProblemLog {
    private readonly kept;
    private dropped;
    add(problem: DataProblem): void;
    get count(): number;
    /** Throws a `DataError` when anything was logged. */
    throwIfAny(): void;
}
