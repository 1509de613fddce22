import type { Span } from '../../grammar/ast.js';
import type { Problem } from '../diagnostics.js';
/** Collects the checker's problems in the order found. */
export declare class ProblemSink {
    readonly problems: Problem[];
    error(code: string, message: string, span: Span, suggestion?: string): void;
    warning(code: string, message: string, span: Span, suggestion?: string): void;
    get errorCount(): number;
}
