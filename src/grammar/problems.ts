import type { Span } from './ast.js';

/**
 * A problem found by the lexer or parser, positioned by offsets. The compiler turns these
 * into `Diagnostic`s with line/column (src/compiler/diagnostics.ts).
 */
export interface SyntaxProblem {
  readonly code: string;
  readonly message: string;
  readonly span: Span;
  readonly suggestion?: string;
}
