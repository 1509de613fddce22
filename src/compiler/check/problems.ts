import type { Span } from '../../grammar/ast.js';
import type { Problem } from '../diagnostics.js';

/** Collects the checker's problems in the order found. */
export class ProblemSink {
  readonly problems: Problem[] = [];

  error(code: string, message: string, span: Span, suggestion?: string): void {
    this.problems.push(suggestion === undefined ? { severity: 'error', code, message, span } : { severity: 'error', code, message, span, suggestion });
  }

  warning(code: string, message: string, span: Span, suggestion?: string): void {
    this.problems.push(suggestion === undefined ? { severity: 'warning', code, message, span } : { severity: 'warning', code, message, span, suggestion });
  }

  get errorCount(): number {
    return this.problems.filter((p) => p.severity === 'error').length;
  }
}
