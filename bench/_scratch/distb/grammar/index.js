import { AstBuilder } from './build-ast.js';
import { closestMatch } from './did-you-mean.js';
import { parsePiece, parseStage, splitDeclarations } from './pieces.js';
import { endOf } from './syntax-errors.js';
import { Journey, stagesLexer } from './tokens.js';
export { closestMatch, editDistance } from './did-you-mean.js';
export function parseStages(source) {
    const problems = [];
    const lexed = stagesLexer.tokenize(source);
    for (const err of lexed.errors) {
        const length = Math.max(1, err.length);
        const chars = source.slice(err.offset, err.offset + length);
        problems.push({
            code: 'SC101',
            message: length === 1 ? `unexpected character '${chars}'` : `unexpected characters '${chars}'`,
            span: { start: err.offset, end: err.offset + length },
        });
    }
    for (const t of lexed.groups.problems ?? []) {
        problems.push({
            code: 'SC103',
            message: "unterminated block comment: '/*' has no matching '*/'",
            span: { start: t.startOffset, end: t.startOffset + 2 },
        });
    }
    const { stray, declarations } = splitDeclarations(lexed.tokens);
    if (stray.length > 0) {
        const first = stray[0];
        const suggestion = first.tokenType.name === 'Identifier' ? closestMatch(first.image, ['stage', 'journey']) : undefined;
        problems.push({
            code: 'SC105',
            message: `unexpected '${first.image}': a definition is an optional \`journey "Name"\` and \`stage\` declarations${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
            span: { start: first.startOffset, end: endOf(first) },
            suggestion,
        });
    }
    const builder = new AstBuilder();
    const stages = [];
    const journeys = [];
    const seen = new Set();
    const report = (p) => {
        // Recovery can report the same spot twice (e.g. re-sync in nested rules): keep the first.
        if (seen.has(p.span.start))
            return;
        seen.add(p.span.start);
        problems.push(p);
    };
    declarations.forEach((tokens, i) => {
        const next = declarations[i + 1]?.[0];
        if (tokens[0].tokenType === Journey) {
            const { cst } = parsePiece(tokens, 'journeyDecl', next, source, report);
            const decl = builder.journeyDecl(cst);
            if (decl)
                journeys.push(decl);
        }
        else {
            const decl = parseStage(tokens, next, source, builder, report);
            if (decl)
                stages.push(decl);
        }
    });
    problems.push(...builder.problems);
    problems.sort((a, b) => a.span.start - b.span.start);
    return { ast: { journeys, stages, span: { start: 0, end: source.length } }, problems };
}
//# sourceMappingURL=index.js.map