/**
 * Bad input data (SPEC §3): every problem names its file and where in it — `line:column` for
 * text formats (1-based, columns in characters), the row and column name for Parquet — so a
 * user can jump straight to it. A load collects up to `MAX_PROBLEMS` problems before giving up,
 * because fixing a file one error per run is miserable.
 */

/** How many problems one load reports at most (the rest are counted, not listed). */
export const MAX_PROBLEMS = 20;

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
export function formatProblem(p: DataProblem): string {
  if (p.line !== undefined) {
    return `${p.file}:${p.line}:${p.column ?? 1}: ${p.message}`;
  }
  if (p.row !== undefined) {
    return `${p.file}: row ${p.row}${p.field !== undefined ? `, column '${p.field}'` : ''}: ${p.message}`;
  }
  return `${p.file}: ${p.message}`;
}

/**
 * Thrown by the loader. `file`, `line` and `column` are those of the first problem (the
 * agreed interface); `problems` lists up to `MAX_PROBLEMS`, and `omitted` counts the rest.
 */
export class DataError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(readonly problems: readonly DataProblem[], readonly omitted = 0) {
    super(formatProblems(problems, omitted));
    this.name = 'DataError';
    const first = problems[0];
    this.file = first?.file ?? '';
    this.line = first?.line;
    this.column = first?.column;
  }
}

function formatProblems(problems: readonly DataProblem[], omitted: number): string {
  const lines = problems.map(formatProblem);
  if (omitted > 0) lines.push(`… and ${omitted} more problem${omitted === 1 ? '' : 's'}`);
  return lines.join('\n');
}

/** Collects problems across all files of one load, keeping the first `MAX_PROBLEMS` (the rest are counted). */
export class ProblemLog {
  private readonly kept: DataProblem[] = [];
  private dropped = 0;

  add(problem: DataProblem): void {
    if (this.kept.length < MAX_PROBLEMS) this.kept.push(problem);
    else this.dropped++;
  }

  /** Counts problems that were found but not described (another log's overflow). */
  addOmitted(count: number): void {
    this.dropped += count;
  }

  get count(): number {
    return this.kept.length + this.dropped;
  }

  /** The problems kept so far (at most `MAX_PROBLEMS`). */
  problems(): readonly DataProblem[] {
    return this.kept;
  }

  /** Throws a `DataError` when anything was logged. */
  throwIfAny(): void {
    if (this.kept.length > 0) throw new DataError(this.kept, this.dropped);
  }
}
