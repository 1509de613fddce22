/**
 * The typed AST of a `.stages` file. Every node carries its source span (offsets into the
 * text, end exclusive). A part the parser could not read (recovery after a syntax error) is
 * `undefined`: the checker skips such parts silently, because the syntax error was already
 * reported and anything it said about them would be a bogus cascade.
 */
export {};
//# sourceMappingURL=ast.js.map