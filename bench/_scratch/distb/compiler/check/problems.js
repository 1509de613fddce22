/** Collects the checker's problems in the order found. */
export class ProblemSink {
    problems = [];
    error(code, message, span, suggestion) {
        this.problems.push(suggestion === undefined ? { severity: 'error', code, message, span } : { severity: 'error', code, message, span, suggestion });
    }
    warning(code, message, span, suggestion) {
        this.problems.push(suggestion === undefined ? { severity: 'warning', code, message, span } : { severity: 'warning', code, message, span, suggestion });
    }
    get errorCount() {
        return this.problems.filter((p) => p.severity === 'error').length;
    }
}
//# sourceMappingURL=problems.js.map